using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Iot.Tests.Support;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Tests.Loop;

/// <summary>The loop's bookkeeping with fake I/O on virtual time.</summary>
public class ControlLoopTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    private static ControllerSettings Settings(int horizon) => new()
    {
        P = 1, M = 2, Delay = 1, InputLags = 1, OutputLags = 1, Horizon = horizon, Period = 0.02f,
        Lo = [-1f], Hi = [1f], Rate = [1f], UInitial = [0.25f],
    };

    private static ControlLoop Loop(ControllerSettings settings, ControlStep step, IOutputSensor sensor, ICommandActuator actuator, ILoopClock clock)
        => new(settings, step, sensor, actuator, (k, y) => { y[0] = k; y[1] = -k; }, clock);

    [Fact]
    public async Task The_controller_gets_the_reading_and_the_references_from_k_plus_delay_plus_one()
    {
        var seen = new List<(float[] Measured, float[] Reference)>();
        ControlStep step = (y, r, u) => { seen.Add((y.ToArray(), r.ToArray())); u[0] = y[0]; return ControlSource.Newton; };
        var actuator = new RecordingActuator(1);
        var loop = Loop(Settings(horizon: 3), step, new CountingSensor(2), actuator, new VirtualClock(Period));

        var stats = await loop.RunAsync(CancellationToken.None, maxPeriods: 4);

        Assert.Equal(4, stats.Periods);
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal([k, k + 0.1f], seen[k].Measured);
            // Rows for y(k+2), y(k+3), y(k+4) with D = 1; each row is (ref position, ref velocity).
            Assert.Equal([k + 2, -(k + 2), k + 3, -(k + 3), k + 4, -(k + 4)], seen[k].Reference);
            Assert.Equal([(float)k], actuator.Writes[k]);
        }
        Assert.Equal([0.25f], actuator.Writes[^1]); // the safe command on the way out
        Assert.True(stats.StoppedSafely);
    }

    [Fact]
    public async Task A_slow_period_counts_as_an_overrun_and_the_missed_ticks_collapse_into_one()
    {
        var clock = new VirtualClock(Period);
        var starts = new List<double>();
        int calls = 0;
        ControlStep step = (y, r, u) => { if (calls++ == 3) clock.Spend(TimeSpan.FromMilliseconds(30)); u[0] = 0; return ControlSource.Newton; };
        var loop = Loop(Settings(1), step, new CountingSensor(2), new RecordingActuator(1), clock);
        loop.Observer = (in PeriodRecord r) => starts.Add(r.Start.TotalMilliseconds);

        var stats = await loop.RunAsync(CancellationToken.None, maxPeriods: 6);

        // Period 3 starts at 60 ms and ends at 90 ms: the tick at 80 ms is due at once, the next at 100 ms.
        Assert.Equal([0, 20, 40, 60, 90, 100], starts);
        Assert.Equal(1, stats.Overruns);
        Assert.Equal(TimeSpan.FromMilliseconds(30), stats.MaxWork);
    }

    [Fact]
    public async Task A_bus_failure_on_the_read_reaches_the_controller_as_nan_and_is_counted()
    {
        var sensor = new CountingSensor(2);
        sensor.Failures[2] = new IOException("Error 121 performing I2C data transfer.");
        sensor.Failures[5] = new TimeoutException("Timeout waiting for ADC to complete conversion");
        var readings = new List<float[]>();
        ControlStep step = (y, r, u) => { readings.Add(y.ToArray()); u[0] = 0; return ControlSource.Newton; };
        var loop = Loop(Settings(1), step, sensor, new RecordingActuator(1), new VirtualClock(Period));

        var stats = await loop.RunAsync(CancellationToken.None, maxPeriods: 7);

        Assert.Equal(2, stats.SensorFailures);
        for (int k = 0; k < 7; k++)
            Assert.Equal(k is 2 or 5, readings[k].All(float.IsNaN));
        Assert.Equal([3f, 3.1f], readings[3]);
    }

    [Fact]
    public async Task A_failed_write_is_counted_and_the_loop_goes_on()
    {
        var actuator = new RecordingActuator(1);
        actuator.FailingWrites.Add(1);
        var loop = Loop(Settings(1), (y, r, u) => { u[0] = y[0]; return ControlSource.Newton; }, new CountingSensor(2), actuator, new VirtualClock(Period));

        var stats = await loop.RunAsync(CancellationToken.None, maxPeriods: 3);

        Assert.Equal(1, stats.ActuatorFailures);
        Assert.Equal(3, stats.Periods);
        Assert.Equal(4, actuator.Writes.Count);
    }

    [Fact]
    public async Task Cancelling_stops_after_the_current_period_and_writes_the_safe_command()
    {
        using var cancel = new CancellationTokenSource();
        var actuator = new RecordingActuator(1);
        var loop = Loop(Settings(1), (y, r, u) => { u[0] = 0.9f; return ControlSource.Newton; }, new CountingSensor(2), actuator, new VirtualClock(Period));
        loop.Observer = (in PeriodRecord r) => { if (r.Period == 10) cancel.Cancel(); };

        var stats = await loop.RunAsync(cancel.Token);

        Assert.Equal(11, stats.Periods);
        Assert.Equal(12, actuator.Writes.Count);
        Assert.Equal([0.25f], actuator.Writes[^1]);
        Assert.True(stats.StoppedSafely);
    }

    [Fact]
    public async Task A_controller_that_throws_still_leaves_the_safe_command_behind()
    {
        var actuator = new RecordingActuator(1);
        int calls = 0;
        ControlStep step = (y, r, u) => { if (calls++ == 2) throw new InvalidOperationException("bug"); u[0] = 0.9f; return ControlSource.Newton; };
        var loop = Loop(Settings(1), step, new CountingSensor(2), actuator, new VirtualClock(Period));

        await Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunAsync(CancellationToken.None));
        Assert.Equal([0.25f], actuator.Writes[^1]);
    }

    [Fact]
    public void Mismatched_io_or_clock_is_refused()
    {
        ControlStep step = (y, r, u) => ControlSource.Newton;
        Assert.Throws<ArgumentException>(() => Loop(Settings(1), step, new CountingSensor(3), new RecordingActuator(1), new VirtualClock(Period)));
        Assert.Throws<ArgumentException>(() => Loop(Settings(1), step, new CountingSensor(2), new RecordingActuator(2), new VirtualClock(Period)));
        Assert.Throws<ArgumentException>(() => Loop(Settings(1), step, new CountingSensor(2), new RecordingActuator(1), new VirtualClock(TimeSpan.FromMilliseconds(10))));
    }
}
