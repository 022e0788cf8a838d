using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>A written QDQ graph and what it is made of.</summary>
/// <param name="Graph">Float graph with QuantizeLinear/DequantizeLinear pairs, int8 weights and int32 biases; ready for OnnxExporter.</param>
/// <param name="Activations">Parameters of every quantized activation tensor (by its float name).</param>
/// <param name="Dequantized">Float tensor name -> the DequantizeLinear output its int8 readers see in Graph.</param>
public sealed record QdqModel(ModelGraph Graph, QuantizationPlan Plan, IReadOnlyDictionary<string, QuantParams> Activations,
    IReadOnlyDictionary<string, string> Dequantized, IReadOnlyList<string> Notes)
{
    /// <summary>Names of the nodes that run in int8, in graph order.</summary>
    public IReadOnlyList<string> QuantizedNodes(ModelGraph floatGraph) => floatGraph.Nodes.Where(n => Plan.Nodes.ContainsKey(n.Name)).Select(n => n.Name).ToList();
    public IReadOnlyList<string> FloatNodes(ModelGraph floatGraph) => floatGraph.Nodes.Where(n => !Plan.Nodes.ContainsKey(n.Name)).Select(n => n.Name).ToList();

    /// <summary>Bytes of every constant (int8 weights, int32 biases, scales and zero points).</summary>
    public static long ConstantBytes(ModelGraph g) => g.Initializers.Values.Where(t => t.Type != DataType.String).Sum(t => (long)t.Length * t.Type.SizeOf());
}
