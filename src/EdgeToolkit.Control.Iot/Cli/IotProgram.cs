using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Iot.Sensors;
using EdgeToolkit.Control.Iot.Actuators;
using EdgeToolkit.Control.Iot.Simulation;
using EdgeToolkit.Control.Iot.Wiring;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Iot.Cli;

/// <summary>
/// The console program: load the model folder's controller, wire the chips (real, or simulated
/// with --simulate), run the loop until the reference ends, --duration passes, Ctrl+C or SIGTERM,
/// and report. Exit codes follow the toolkit: 0 done, 1 the safe command could not be written,
/// 2 bad input, 3 no board (bus or chip missing).
/// </summary>
public static class IotProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is [] or ["--help"] or ["-h"])
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(IotOptions.Usage);
            return args.Length == 0 ? 2 : 0;
        }
        bool json = args.Contains("--json");
        try
        {
            var options = IotOptions.Parse(args);
            var setup = ControlSetup.Load(options);
            var settings = setup.Settings;
            var wiring = options.WiringFile is null ? DefaultWiring(settings) : WiringFile.Load(options.WiringFile, settings);
            if (options.ShowWiring)
            {
                stdout.WriteLine(WiringFile.ToJson(wiring, setup.Preset.OutputNames, setup.Preset.InputNames));
                return 0;
            }
            long periods = options.Duration is double seconds ? (long)Math.Round(seconds / setup.Config.Period) : setup.Reference.Steps;
            var report = options.Simulate ? await RunSimulatedAsync(options, setup, wiring, periods) : await RunOnBoardAsync(options, setup, wiring, periods, stderr);
            report.Write(stdout, json);
            if (!report.Loop.StoppedSafely) stderr.WriteLine("error: the safe command could not be written on the way out: check the actuators");
            return report.Loop.StoppedSafely ? 0 : 1;
        }
        catch (EdgeToolkitException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            if (json) stdout.WriteLine(new JsonObject { ["ok"] = false, ["error"] = new JsonObject { ["kind"] = e.Kind.ToString(), ["exit_code"] = (int)e.Kind, ["message"] = e.Message } }.ToJsonString());
            return (int)e.Kind;
        }
    }

    private static IoWiring DefaultWiring(ControllerSettings settings)
    {
        try { return IoWiring.Default(settings); }
        catch (ArgumentException e) { throw new EdgeToolkitException(ErrorKind.BadInput, e.Message, hint: "describe the wiring in a file and pass it with --wiring"); }
    }

    private static async Task<RunReport> RunOnBoardAsync(IotOptions options, ControlSetup setup, IoWiring wiring, long periods, TextWriter stderr)
    {
        using var board = BoardConnection.Open(options, wiring);
        using var clock = new PeriodicTimerClock(LoopPeriod.Of(setup.Settings.Period));
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCtrlC;
        // systemd stops a service with SIGTERM: stop the loop so the safe command goes out.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            stderr.WriteLine($"running {setup.Preset.Plant} with the {options.Controller} controller on I2C bus {options.Bus} " +
                $"(ADS1115 0x{options.AdcAddress:X2}, PCA9685 0x{options.PwmAddress:X2} at {board.Actuator.PwmFrequency:F1} Hz); Ctrl+C stops");
            return await RunAsync("board", options, setup, board.Sensor, board.Actuator, clock, periods, stop.Token, trueOutputs: null);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static async Task<RunReport> RunSimulatedAsync(IotOptions options, ControlSetup setup, IoWiring wiring, long periods)
    {
        var clock = new VirtualClock(LoopPeriod.Of(setup.Settings.Period));
        var plant = PlantCatalog.Create(setup.Preset.Plant);
        plant.Reset(options.Seed);
        var rig = new SimulatedRig(plant, wiring, clock, options.Bus, options.AdcAddress, options.PwmAddress);
        using var sensor = Ads1115PositionSensor.Open(rig.Adc, wiring.Outputs);
        using var actuator = Pca9685Actuator.Open(rig.Pwm, wiring.Commands, options.PwmFrequency);
        return await RunAsync("simulated", options, setup, sensor, actuator, clock, periods, CancellationToken.None, () => plant.TrueOutputs);
    }

    private static async Task<RunReport> RunAsync(string mode, IotOptions options, ControlSetup setup, IOutputSensor sensor, ICommandActuator actuator,
        ILoopClock clock, long periods, CancellationToken stop, Func<IReadOnlyList<double>>? trueOutputs)
    {
        var settings = setup.Settings;
        var loop = new ControlLoop(settings, setup.Controller.Step, sensor, actuator, setup.ReferenceAt, clock);
        var tracking = new TrackingError(settings.M);
        var trueTracking = trueOutputs == null ? null : new TrackingError(settings.M);
        var now = new float[settings.M];
        var truth = new float[settings.M];
        loop.Observer = (in PeriodRecord r) =>
        {
            setup.ReferenceAt(r.Period, now);
            tracking.Add(r.Measured, now);
            if (trueOutputs == null) return;
            var y = trueOutputs();
            for (int o = 0; o < truth.Length; o++) truth[o] = (float)y[o];
            trueTracking!.Add(truth, now);
        };
        var host = Stopwatch.StartNew();
        var stats = await loop.RunAsync(stop, periods);
        // Simulated (the plant's truth is known): the loop's clock is virtual, so time the host instead.
        TimeSpan? hostPerPeriod = trueOutputs != null && stats.Periods > 0 ? host.Elapsed / stats.Periods : null;
        return new RunReport(mode, setup.Preset.Plant, options.Controller, options.Reference, setup.Config.Period, stats, setup.Controller.Counters,
            setup.Preset.OutputNames, setup.Config.OutputUnits, setup.Reference.Tracked, tracking, trueTracking, hostPerPeriod);
    }
}
