using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>
/// Runs a controller at the plant's period: read y(k), build the reference rows, compute u(k),
/// write it. The first period runs at once, the next ones on the clock's ticks. A bus failure on
/// the read becomes a NaN reading (the controller's sensor fallback handles it, per
/// docs/controller.md); a failed write leaves the actuator on its previous command. On the way
/// out (cancellation, the period budget, an exception) the initial command, the plant at rest,
/// is written.
/// </summary>
public sealed class ControlLoop
{
    private readonly ControllerSettings _settings;
    private readonly ControlStep _step;
    private readonly IOutputSensor _sensor;
    private readonly ICommandActuator _actuator;
    private readonly ReferenceSignal _reference;
    private readonly ILoopClock _clock;
    private readonly float[] _measured, _references, _command;
    private readonly int _rows;

    public ControlLoop(ControllerSettings settings, ControlStep step, IOutputSensor sensor, ICommandActuator actuator,
        ReferenceSignal reference, ILoopClock clock)
    {
        if (sensor.Outputs != settings.M) throw new ArgumentException($"the sensor reads {sensor.Outputs} outputs, the controller expects {settings.M}", nameof(sensor));
        if (actuator.Commands != settings.P) throw new ArgumentException($"the actuator takes {actuator.Commands} commands, the controller gives {settings.P}", nameof(actuator));
        if (settings.UInitial.Length != settings.P) throw new ArgumentException("the settings need UInitial (the safe command) for every command", nameof(settings));
        // Float settings hold the period to about 1e-9 s; a clock off by more is another rate.
        if (Math.Abs(clock.Period.TotalSeconds - settings.Period) > 1e-6)
            throw new ArgumentException($"the clock ticks every {clock.Period.TotalSeconds} s, the controller's period is {settings.Period} s", nameof(clock));
        (_settings, _step, _sensor, _actuator, _reference, _clock) = (settings, step, sensor, actuator, reference, clock);
        // A PID has no preview (Horizon 0) but still reads the first reference row.
        _rows = Math.Max(1, settings.Horizon);
        _measured = new float[settings.M];
        _references = new float[_rows * settings.M];
        _command = new float[settings.P];
    }

    public LoopStatistics Statistics { get; } = new();

    /// <summary>Called after every period, on the loop's thread.</summary>
    public PeriodObserver? Observer { get; set; }

    /// <summary>Runs until cancelled or <paramref name="maxPeriods"/> periods have run; returns the statistics.</summary>
    public async Task<LoopStatistics> RunAsync(CancellationToken cancellation, long maxPeriods = long.MaxValue)
    {
        try
        {
            for (long k = 0; k < maxPeriods; k++)
            {
                if (k > 0) await _clock.WaitForNextTickAsync(cancellation);
                RunPeriod(k);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { }
        finally
        {
            Statistics.StoppedSafely = TryWrite(_settings.UInitial);
        }
        return Statistics;
    }

    private void RunPeriod(long k)
    {
        var start = _clock.Now;
        bool sensorFailed = !TryRead();
        int m = _settings.M;
        for (int j = 0; j < _rows; j++) _reference(k + _settings.Delay + 1 + j, _references.AsSpan(j * m, m));
        var source = _step(_measured, _references, _command);
        bool actuatorFailed = !TryWrite(_command);

        var work = _clock.Now - start;
        var stats = Statistics;
        stats.Periods++;
        if (sensorFailed) stats.SensorFailures++;
        if (actuatorFailed) stats.ActuatorFailures++;
        if (work > _clock.Period) stats.Overruns++;
        if (work > stats.MaxWork) stats.MaxWork = work;
        stats.TotalWork += work;
        Observer?.Invoke(new PeriodRecord
        {
            Period = k, Start = start, Work = work, Measured = _measured, Reference = _references, Command = _command,
            Source = source, SensorFailed = sensorFailed, ActuatorFailed = actuatorFailed,
        });
    }

    private bool TryRead()
    {
        try
        {
            _sensor.Read(_measured);
            return true;
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            _measured.AsSpan().Fill(float.NaN);
            return false;
        }
    }

    private bool TryWrite(ReadOnlySpan<float> command)
    {
        try
        {
            _actuator.Write(command);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
