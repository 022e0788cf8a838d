using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// A closed-loop run: RMS tracking error per output (true output against reference, plant units;
/// NaN for untracked outputs), Overall = root mean square over the tracked outputs' RMS (plant
/// units; mixes units when the tracked outputs differ), Normalised = the same with each output
/// divided by its y_scale (comparable across plants), the counters and the log.
/// </summary>
public sealed record ClosedLoopResult(string Plant, string Reference, ControllerKind Controller, IReadOnlyList<string> OutputNames,
    bool[] Tracked, double[] Rms, double Overall, double Normalised, ControllerCounters Counters, ClosedLoopLog Log)
{
    /// <summary>RMS tracking error per output over rows with from &lt;= Time &lt; to (seconds).</summary>
    public double[] RmsBetween(double from, double to) => ClosedLoopMetrics.Rms(Log, Tracked, from, to);
}
