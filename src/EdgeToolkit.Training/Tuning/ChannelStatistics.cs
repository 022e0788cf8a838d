namespace EdgeToolkit.Training.Tuning;

/// <summary>A value's axis whose per-index statistics importance scoring needs (a layer's output channels).</summary>
public sealed record ValueAxis(string Value, int Axis);

/// <param name="MeanAbs">Per index along the axis: mean |a| over samples and every other axis.</param>
/// <param name="Taylor">Per index: first-order Taylor importance, mean over samples of |sum over other axes of a * dL/da| (Molchanov et al. 2017).</param>
public sealed record ProbeScores(double[] MeanAbs, double[] Taylor);

/// <summary>
/// Data-driven channel importance: runs `batches` batches of the objective through the module
/// with the probed values captured, backpropagates each loss, and accumulates per-index
/// activation magnitude and Taylor scores. Axis is the value's axis in the graph (unbatched);
/// a value captured several times per loss (a decoder step run per position) accumulates over
/// every capture. Does not change the weights.
/// </summary>
public static class ChannelStatistics
{
    public static IReadOnlyDictionary<ValueAxis, ProbeScores> Measure(GraphModule module, ITuningObjective objective, IReadOnlyList<ValueAxis> probes, int batches, Random rng) =>
        throw new NotImplementedException();
}
