namespace EdgeToolkit.Control.Runtime;

public enum FallbackMode { Hold = 0, Pid = 1 }

/// <summary>
/// Every setting of the Newton-Raphson controller and its PID, as in docs/controller.md (the
/// same fields as etk_nr_settings in firmware/runtime/etk_nr.h; `firmware build` writes this as
/// that C struct). Arrays: per command (P), per output (M), per PID loop; Mix is [loops x P].
/// </summary>
public sealed class ControllerSettings
{
    public int P { get; init; }
    public int M { get; init; }
    public int Delay { get; init; }
    public int InputLags { get; init; }
    public int OutputLags { get; init; }
    public int Features => P * InputLags + M * OutputLags;

    public int Horizon { get; set; }
    public int MaxIterations { get; set; } = 1;
    public float Period { get; init; }
    public float Tolerance { get; set; } = 1e-4f;
    public float Barrier { get; set; } = 1e-4f;
    public float DisturbanceGain { get; set; }

    public float[] Lo { get; init; } = [];
    public float[] Hi { get; init; } = [];
    /// <summary>Largest command change per period, in the command's units.</summary>
    public float[] Rate { get; init; } = [];
    public float[] UInitial { get; init; } = [];
    public float[] Lambda { get; set; } = [];

    public float[] Q { get; set; } = [];
    public float[] YScale { get; init; } = [];
    public float[] YValidLo { get; init; } = [];
    public float[] YValidHi { get; init; } = [];

    public int SensorHoldMax { get; set; } = 5;
    public int MismatchSteps { get; set; } = 10;
    public float MismatchThreshold { get; set; } = 0.2f;
    public FallbackMode Fallback { get; set; } = FallbackMode.Pid;

    public int PidLoops => PidOutput.Length;
    public int[] PidOutput { get; set; } = [];
    public float[] Kp { get; set; } = [];
    public float[] Ki { get; set; } = [];
    public float[] Kd { get; set; } = [];
    public float[] Tf { get; set; } = [];
    public float[] U0 { get; set; } = [];
    public float[] Mix { get; set; } = [];
}
