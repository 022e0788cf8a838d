namespace EdgeToolkit.Graph.Passes;

/// <summary>Which producers and post-ops the fusion contract allows (see FusionPass).</summary>
internal static class FusionRules
{
    private static readonly HashSet<string> Producers = new() { "Conv", "Gemm", "MatMul" };
    private static readonly HashSet<string> Activations = new() { "Relu", "LeakyRelu", "Clip", "Tanh", "Sigmoid", "HardSigmoid" };

    public static bool IsProducer(ModelGraph graph, Node n) =>
        n.Domain.Length == 0 && Producers.Contains(n.OpType) && n.Outputs.Count == 1 && n.Outputs[0].Length > 0
        && graph.TryGetInfo(n.Outputs[0])?.Type == DataType.Float32;

    /// <summary>Whether `next` may be appended to the producer's current post-ops.</summary>
    public static bool CanFollow(ModelGraph graph, Node producer, Node next)
    {
        // MaxPool can only be last (nothing follows it), so the last post-op says whether the chain is closed.
        if (next.Domain.Length > 0 || next.Fused.Count > 0 || producer.Fused.Count > 0 && producer.Fused[^1].OpType == "MaxPool") return false;
        if (Activations.Contains(next.OpType)) return IsElementwise(graph, next);
        // MaxPool closes the chain, and only after at least one activation of a Conv.
        return next.OpType == "MaxPool" && producer.OpType == "Conv" && producer.Fused.Count > 0 && IsPlainMaxPool(graph, next);
    }

    private static bool IsElementwise(ModelGraph graph, Node n)
    {
        if (n.Outputs.Count != 1) return false;
        // Clip's bounds must be constants so that the emitter can bake them in.
        return n.OpType != "Clip" || n.Inputs.Skip(1).All(i => i.Length == 0 || graph.IsInitializer(i));
    }

    /// <summary>2-D, unpadded, undilated, floor mode, Y output only.</summary>
    private static bool IsPlainMaxPool(ModelGraph graph, Node n)
    {
        var kernel = n.GetInts("kernel_shape");
        if (kernel == null || kernel.Length != 2) return false;
        if (n.GetInts("pads") is { } pads && pads.Any(p => p != 0)) return false;
        if (n.GetInts("dilations") is { } dil && dil.Any(d => d != 1)) return false;
        if (n.GetInt("ceil_mode", 0) != 0) return false;
        if (n.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "VALID")) return false;
        if (n.Outputs.Count > 1 && n.Outputs[1].Length > 0 &&
            (GraphQueries.IsGraphOutput(graph, n.Outputs[1]) || graph.Nodes.Any(m => GraphQueries.Reads(m).Contains(n.Outputs[1])))) return false;
        return true;
    }
}
