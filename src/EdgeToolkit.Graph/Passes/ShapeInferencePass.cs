using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Passes;

/// <summary>Shape inference as a pipeline step. It only refreshes ValueInfos, so it never counts as a change.</summary>
public sealed class ShapeInferencePass : GraphPass
{
    public override string Name => "shape-inference";

    protected override bool Apply(ModelGraph graph)
    {
        ShapeInference.Run(graph);
        return false;
    }
}
