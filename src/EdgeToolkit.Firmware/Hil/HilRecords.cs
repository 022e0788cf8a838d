using EdgeToolkit.Firmware.Protocol;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>
/// The reference preview at step k: horizon rows of m values, row-major, the references for
/// y(k+D+1) .. y(k+D+horizon) (what a SENSOR frame carries after y(k)).
/// </summary>
public delegate float[] ReferencePreview(int step, int horizon, int outputs);

/// <summary>
/// One control period of a HIL run: time, the first reference row, y(k) sent (after any injected
/// sensor fault), u(k) received, and the plant's noise-free y(k+1) that followed (null where the
/// host has no plant model: a log read back).
/// </summary>
public sealed record HilStep(int Step, double Time, float[] Reference, float[] Measured, float[] Command, byte Source, uint Instructions,
    double[]? TrueNext = null)
{
    public string SourceName => ActuatorMessage.SourceName(Source);
}

/// <summary>A finished HIL run: what the board said at start and at STOP, every step, and the link's health.</summary>
public sealed record HilResult(HelloMessage Hello, IReadOnlyList<HilStep> Steps, StopTotals Totals, uint[] Counters,
    long Resends, long BadFramesFromBoard, TimeSpan Elapsed)
{
    public long InstructionsMax => Steps.Count == 0 ? 0 : Steps.Max(s => (long)s.Instructions);
    public double InstructionsMean => Steps.Count == 0 ? 0 : Steps.Average(s => (double)s.Instructions);
}
