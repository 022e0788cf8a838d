using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>Options of `edgetk quantize --dynamic`.</summary>
public sealed record DynamicQuantizationOptions
{
    /// <summary>One weight scale per output column instead of one per tensor.</summary>
    public bool PerChannel { get; init; } = true;
    /// <summary>Node names kept in float.</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = Array.Empty<string>();
    /// <summary>
    /// 7-bit weights ([-63, 63]). For x86 CPUs without VNNI, where ORT's u8 x s8 kernel multiplies
    /// with vpmaddubsw, whose int16 pair sums saturate with full-range weights. Costs one bit of precision.
    /// </summary>
    public bool ReduceRange { get; init; }
    /// <summary>Store embedding tables (Gather from a constant float matrix) as int8 too, dequantising the gathered rows.</summary>
    public bool QuantizeEmbeddings { get; init; } = true;
}

/// <param name="Graph">The dynamically quantized graph, ready for OnnxExporter.</param>
/// <param name="QuantizedNodes">Names of the MatMul/Gemm nodes now running in int8.</param>
/// <param name="WeightBytesBefore">Bytes of every initializer of the float graph.</param>
/// <param name="WeightBytesAfter">The same for the quantized graph (int8 weights, their scales, everything left in float).</param>
public sealed record DynamicQuantizationResult(ModelGraph Graph, IReadOnlyList<string> QuantizedNodes,
    long WeightBytesBefore, long WeightBytesAfter, IReadOnlyList<string> Notes)
{
    /// <summary>Names of the Gather nodes whose embedding table is now stored in int8 (weight-only).</summary>
    public IReadOnlyList<string> QuantizedEmbeddings { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Dynamic (weight int8, activations quantised at run time) quantisation in the form ONNX Runtime
/// runs fastest: DynamicQuantizeLinear + MatMulInteger + scale, which its optimiser fuses into
/// its int8 GEMM (VNNI / dot-product kernels).
/// </summary>
public static class DynamicQuantizer
{
    /// <summary>DynamicQuantizeLinear's first opset.</summary>
    public const int MinimumOpset = 11;

    public static DynamicQuantizationResult Quantize(ModelGraph floatGraph, DynamicQuantizationOptions options)
    {
        if (floatGraph.Opset < MinimumOpset)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"dynamic quantization needs opset {MinimumOpset} or later (DynamicQuantizeLinear), the model has opset {floatGraph.Opset}",
                file: floatGraph.SourcePath, hint: "re-export the model with opset 11 or later") { Unsupported = true };
        var g = floatGraph.Clone();
        long before = WeightBytes(g);
        var notes = new List<string>();
        var quantized = new List<string>();
        var products = new List<string>();
        var embeddings = new List<string>();
        var names = new NameAllocator(g);
        var builder = new IntegerMatMulBuilder(g, names, options);
        var exclude = new HashSet<string>(options.Exclude);
        var unknown = exclude.Where(e => g.Nodes.All(n => n.Name != e)).ToList();
        if (unknown.Count > 0) notes.Add($"no node is named {string.Join(", ", unknown.Select(u => $"'{u}'"))} (--exclude)");
        int runTimeProducts = 0;

        var rewritten = new List<Node>(g.Nodes.Count);
        foreach (var n in g.Nodes)
        {
            string? whyNot = null;
            var table = options.QuantizeEmbeddings ? EmbeddingGather.TableOf(g, n) : null;
            var product = table == null ? DenseProduct.TryRead(g, n, out whyNot) : null;
            if ((table != null || product != null) && exclude.Contains(n.Name))
                notes.Add($"{n.OpType} '{n.Name}' kept in float (excluded)");
            else if (table != null)
            {
                rewritten.AddRange(EmbeddingGather.Build(g, names, n, table, options.PerChannel));
                embeddings.Add(n.Name);
                continue;
            }
            else if (product != null)
            {
                rewritten.AddRange(builder.Build(product));
                quantized.Add(n.Name);
                products.Add(product.Output);
                continue;
            }
            else if (whyNot != null) notes.Add($"{n.OpType} '{n.Name}' kept in float: {whyNot}");
            else if (n is { OpType: "MatMul", Domain: "" }) runTimeProducts++;
            rewritten.Add(n);
        }
        if (runTimeProducts > 0)
            notes.Add($"{runTimeProducts} MatMul node(s) multiply two run-time values (e.g. attention scores) and stay in float");
        g.Nodes.Clear();
        g.Nodes.AddRange(rewritten);

        BiasAddOrder.PutBiasSecond(g, products);
        RemoveUnusedInitializers(g);
        return new DynamicQuantizationResult(g, quantized, before, WeightBytes(g), notes) { QuantizedEmbeddings = embeddings };
    }

    public static long WeightBytes(ModelGraph g) =>
        g.Initializers.Values.Where(t => t.Type != DataType.String).Sum(t => (long)t.Length * t.Type.SizeOf());

    private static void RemoveUnusedInitializers(ModelGraph g)
    {
        var read = g.Consumers();
        var outputs = new HashSet<string>(g.Outputs.Select(o => o.Name));
        foreach (var name in g.Initializers.Keys.ToList())
            if (!read.ContainsKey(name) && !outputs.Contains(name)) g.Initializers.Remove(name);
    }
}
