using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx;

/// <summary>One-shot ONNX Runtime runs on the host (reference outputs for verification).</summary>
public static class OrtRunner
{
    public static Dictionary<string, Tensor> Run(byte[] model, IReadOnlyDictionary<string, Tensor> inputs)
    {
        using var session = new OrtSession(model);
        return session.Run(inputs);
    }

    /// <summary>Exports the graph (fused nodes written unfused) and runs it.</summary>
    public static Dictionary<string, Tensor> Run(ModelGraph graph, IReadOnlyDictionary<string, Tensor> inputs)
    {
        try { return Run(OnnxExporter.ToBytes(graph), inputs); }
        catch (EdgeToolkitException e) when (graph.SourcePath != null) { throw OnnxErrors.Locate(e, graph.SourcePath); }
    }
}
