using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// The PID alone (the baseline), with the Newton controller's reading check: a reading outside
/// the valid band (or NaN) is replaced by the last valid one and counted, so that a sensor
/// fault does not poison the integrator. Only Steps and SensorFaults are counted.
/// </summary>
public sealed class PidLoopController : ILoopController
{
    private readonly PidController _pid;
    private readonly float[] _lastValid, _lastCommand;
    private bool _haveReading;

    public PidLoopController(ControllerSettings settings)
    {
        SettingsCheck.Validate(settings);
        Settings = settings;
        _pid = new PidController(settings);
        _lastValid = new float[settings.M];
        _lastCommand = new float[settings.P];
        Reset();
    }

    public ControllerKind Kind => ControllerKind.Pid;
    public ControllerSettings Settings { get; }
    public ControllerCounters Counters { get; } = new();

    public void Reset()
    {
        _pid.Reset();
        Settings.UInitial.CopyTo(_lastCommand, 0);
        Array.Clear(_lastValid);
        _haveReading = false;
        Counters.Steps = Counters.SensorFaults = 0;
    }

    /// <summary>One period; always ControlSource.Newton, which for the PID only means "no fallback" (the log says "pid").</summary>
    public ControlSource Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> preview, Span<float> command)
    {
        Counters.Steps++;
        bool valid = true;
        for (int o = 0; o < Settings.M; o++)
            if (!(measured[o] >= Settings.YValidLo[o] && measured[o] <= Settings.YValidHi[o])) valid = false;
        if (valid) { measured[..Settings.M].CopyTo(_lastValid); _haveReading = true; }
        else Counters.SensorFaults++;
        // Before any valid reading: hold the initial command.
        if (!_haveReading) { _lastCommand.CopyTo(command); return ControlSource.Newton; }
        _pid.Step(_lastValid, preview, _lastCommand, command);
        _pid.Track(command);
        command[..Settings.P].CopyTo(_lastCommand);
        return ControlSource.Newton;
    }
}
