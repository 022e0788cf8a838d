namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The tuned, per-plant part of a controller's settings. OutputWeights are relative: the
/// settings' q[o] = OutputWeights[o] / y_scale[o]^2, so a weight of 1 charges an error of one
/// data range like a full-range command move with lambda = 1. PID: one loop per tracked output,
/// Mix [loops x commands] row-major.
/// </summary>
public sealed record PlantTuning
{
    public required int Horizon { get; init; }
    public required int MaxIterations { get; init; }
    public required float[] OutputWeights { get; init; }
    public required float[] Lambda { get; init; }
    public required float DisturbanceGain { get; init; }
    public float Barrier { get; init; } = 1e-4f;
    public required int[] PidOutput { get; init; }
    public required float[] Kp { get; init; }
    public required float[] Ki { get; init; }
    public required float[] Kd { get; init; }
    public required float[] Tf { get; init; }
    public required float[] U0 { get; init; }
    public required float[] Mix { get; init; }
}
