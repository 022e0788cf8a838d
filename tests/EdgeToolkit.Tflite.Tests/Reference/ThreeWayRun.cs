using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Tflite.Tests.Reference;

/// <summary>
/// One input through the imported graph three ways: the C# evaluator on the graph as imported
/// (QDQ in float), the same after the CLI's pass pipeline (QDQ lowered to integer kernels, ops
/// fused), and ONNX Runtime on the exported ONNX. Outputs by graph output, in subgraph order.
/// </summary>
public sealed record ThreeWayRun(Tensor[] Imported, Tensor[] Compiled, Tensor[] OnnxRuntime)
{
    public static ThreeWayRun Of(ModelGraph graph, IReadOnlyList<Tensor> inputs)
    {
        var feed = graph.Inputs.Select((i, k) => (i.Name, Value: inputs[k])).ToDictionary(p => p.Name, p => p.Value);
        var compiled = graph.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(compiled);
        using var ort = new OrtSession(OnnxExporter.ToBytes(graph));
        Tensor[] Ordered(Dictionary<string, Tensor> outs) => graph.Outputs.Select(o => outs[o.Name]).ToArray();
        return new ThreeWayRun(Ordered(Evaluator.Run(graph, feed)), Ordered(Evaluator.Run(compiled, feed)), Ordered(ort.Run(feed)));
    }
}
