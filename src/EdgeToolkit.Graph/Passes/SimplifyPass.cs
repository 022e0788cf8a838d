namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Local clean-ups: removes Identity and inference-mode Dropout (graph output names stay as they
/// are), and turns MatMul(x, constant 2-D W) + Add(constant bias) into one Gemm when x is 2-D.
/// </summary>
public sealed class SimplifyPass : GraphPass
{
    public override string Name => "simplify";

    protected override bool Apply(ModelGraph graph)
    {
        var read = graph.Nodes.SelectMany(GraphQueries.Reads).ToHashSet();
        int passthroughs = PassThroughRemoval.RemoveInner(graph, graph.Nodes.Where(n => IsPassThrough(graph, n, read)).ToList()), gemms = 0;
        foreach (var node in graph.Nodes.ToList())
        {
            if (IsPassThrough(graph, node, read) && PassThroughRemoval.TryRemove(graph, node)) passthroughs++;
            else if (node.OpType == "MatMul" && node.Domain.Length == 0 && MatMulAddToGemm.TryRewrite(graph, node)) gemms++;
        }
        if (passthroughs > 0) Report($"removed {passthroughs} Identity/Dropout nodes");
        if (gemms > 0) Report($"merged {gemms} MatMul+Add pairs into Gemm");
        return passthroughs + gemms > 0;
    }

    /// <summary>Identity, or a Dropout in inference mode whose mask nobody reads (<paramref name="read"/>: values some node reads).</summary>
    private static bool IsPassThrough(ModelGraph graph, Node n, HashSet<string> read)
    {
        if (n.Domain.Length > 0 || n.Fused.Count > 0 || n.Inputs.Count == 0 || n.Inputs[0].Length == 0 || n.Outputs.Count == 0) return false;
        if (n.OpType == "Identity") return true;
        if (n.OpType != "Dropout") return false;
        if (n.Outputs.Count > 1 && n.Outputs[1].Length > 0 &&
            (GraphQueries.IsGraphOutput(graph, n.Outputs[1]) || read.Contains(n.Outputs[1]))) return false;
        if (n.Inputs.Count > 2 && n.Inputs[2].Length > 0)
        {
            var mode = GraphQueries.ConstantOf(graph, n.Inputs[2]);
            if (mode == null || mode.Length != 1 || mode.GetInt64(0) != 0) return false;
        }
        return graph.Opset >= 7 || n.GetInt("is_test", 0) != 0;
    }
}
