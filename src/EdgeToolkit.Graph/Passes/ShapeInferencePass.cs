using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Shape inference as a pipeline step. It only refreshes ValueInfos, so it never counts as a change.
/// A lenient step (used while folding) steps over nodes it cannot infer yet and logs them: an If
/// whose branch types are undeclared may only become inferable once it is folded away. The
/// pipeline's final step is strict, so a problem that remains is still reported as an error.
/// </summary>
public sealed class ShapeInferencePass : GraphPass
{
    private readonly bool _lenient;
    private string? _lastReport;

    public ShapeInferencePass(bool lenient = false) { _lenient = lenient; }

    public override string Name => "shape-inference";

    protected override bool Apply(ModelGraph graph)
    {
        if (!_lenient) { ShapeInference.Run(graph); return false; }
        var skipped = LenientShapeInference.Run(graph);
        var report = skipped.Count > 0 ? $"{skipped.Count} nodes not inferable yet, first {skipped[0]}" : null;
        // Rounds of the fixed point repeat this step: log only when the situation changed.
        if (report != null && report != _lastReport) Report(report);
        _lastReport = report;
        return false;
    }
}
