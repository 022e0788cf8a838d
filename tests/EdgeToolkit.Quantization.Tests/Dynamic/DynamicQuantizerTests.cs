using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Dynamic;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>
/// The quantized graphs run in ONNX Runtime and must give what the ONNX definitions of
/// DynamicQuantizeLinear and MatMulInteger give on paper (DynamicReference), and ORT must fuse
/// them into its int8 GEMM.
/// </summary>
public class DynamicQuantizerTests
{
    private const int Batch = 2, Rows = 3, K = 8, N = 5;

    /// <summary>X [2, 3, 8] x W [8, 5] + bias, with the bias first as PyTorch exports it.</summary>
    private static (ModelGraph Graph, float[] W, float[] Bias) TorchLinear(int opset = 17)
    {
        var b = new GraphBuilder("linear", opset);
        var x = b.Input("x", DataType.Float32, Batch, Rows, K);
        var w = DynamicReference.Random(K * N, seed: 2, range: 0.5f);
        w[3] = 0.9f; // one column with a larger range, so per-column scales differ
        var bias = DynamicReference.Random(N, seed: 3);
        var product = b.OpNamed("fc", "MatMul", new[] { x, b.Constant("fc.weight", Tensor.FromFloats(new[] { K, N }, w)) });
        var y = b.OpNamed("fc.add", "Add", new[] { b.Constant("fc.bias", Tensor.Vector(bias)), product });
        b.Output(y);
        return (b.Graph, w, bias);
    }

    private static float[] RunOrt(ModelGraph g, string input, int[] shape, float[] x) =>
        OrtRunner.Run(g, new Dictionary<string, Tensor> { [input] = Tensor.FromFloats(shape, x) }).Values.First().Floats;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MatMul_runs_the_integer_arithmetic_of_the_onnx_definitions(bool perChannel)
    {
        var (g, w, bias) = TorchLinear();
        var x = DynamicReference.Random(Batch * Rows * K, seed: 4, range: 2f);
        var r = DynamicQuantizer.Quantize(g, new DynamicQuantizationOptions { PerChannel = perChannel });

        Assert.Equal(new[] { "fc" }, r.QuantizedNodes);
        Assert.Equal(new[] { "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Add" }, r.Graph.Nodes.Select(n => n.OpType));
        var scale = r.Graph.Initializers[r.Graph.Nodes[3].Inputs[1]];
        Assert.Equal(perChannel ? new[] { N } : Array.Empty<int>(), scale.Shape);
        Assert.Equal(DataType.Int8, r.Graph.Initializers[r.Graph.Nodes[1].Inputs[1]].Type);

        var expected = DynamicReference.Product(x, Batch * Rows, K, w, N, perChannel, bias);
        var actual = RunOrt(r.Graph, "x", new[] { Batch, Rows, K }, x);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);

        // And it is still the float layer, up to the rounding of the int8 values.
        var reference = DynamicReference.FloatProduct(x, Batch * Rows, K, w, N).Select((v, i) => v + bias[i % N]).ToArray();
        Assert.True(actual.Zip(reference).Max(p => Math.Abs(p.First - p.Second)) < 0.05f);
        // The weights are chosen so the two granularities give different results: the check above tells them apart.
        Assert.NotEqual(DynamicReference.Product(x, Batch * Rows, K, w, N, !perChannel, bias), expected);
    }

    [Fact]
    public void Bias_add_is_rewritten_with_the_bias_second_so_ort_fuses_the_whole_layer()
    {
        var (g, _, _) = TorchLinear();
        var r = DynamicQuantizer.Quantize(g, new DynamicQuantizationOptions());
        var add = r.Graph.Nodes.Single(n => n.OpType == "Add");
        Assert.Equal("fc.bias", add.Inputs[1]);
        Assert.Equal("fc.bias", g.Nodes.Single(n => n.OpType == "Add").Inputs[0]); // the float graph is left as it was
        Assert.Equal(new[] { "MatMul", "Add" }, g.Nodes.Select(n => n.OpType));

        var ops = OrtOptimizedGraph.OpCounts(OnnxExporter.ToBytes(r.Graph));
        Assert.Equal(1, ops.Count("DynamicQuantizeMatMul"));
        Assert.Equal(1, ops.Values.Sum()); // quantize, int8 GEMM, rescale and bias: one kernel
    }

    [Fact]
    public void Gemm_with_transposed_weight_alpha_and_beta_matches_the_reference()
    {
        const int m = 4, k = 6, n = 3;
        var b = new GraphBuilder("gemm");
        var x = b.Input("x", DataType.Float32, m, k);
        var wT = DynamicReference.Random(n * k, seed: 5); // [n, k], transB = 1
        var c = DynamicReference.Random(n, seed: 6);
        b.Output(b.OpNamed("dense", "Gemm", new[] { x, b.Constant("w", Tensor.FromFloats(new[] { n, k }, wT)), b.Constant("c", Tensor.Vector(c)) },
            NodeAttribute.Of("transB", 1L), NodeAttribute.Of("alpha", 0.5f), NodeAttribute.Of("beta", 2f)));
        var r = DynamicQuantizer.Quantize(b.Graph, new DynamicQuantizationOptions());

        var w = new float[k * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) w[j * n + i] = wT[i * k + j];
        var xs = DynamicReference.Random(m * k, seed: 7);
        var expected = DynamicReference.Product(xs, m, k, w, n, perColumn: true, c.Select(v => 2f * v).ToArray(), alpha: 0.5f);
        var actual = RunOrt(r.Graph, "x", new[] { m, k }, xs);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
        Assert.Equal(new[] { "dense" }, r.QuantizedNodes);
    }

    [Fact]
    public void Excluded_nodes_and_products_of_two_run_time_values_stay_in_float()
    {
        var b = new GraphBuilder("two");
        var x = b.Input("x", DataType.Float32, 2, 4);
        var y = b.Input("y", DataType.Float32, 4, 2);
        var h = b.OpNamed("keep", "MatMul", new[] { x, b.Constant("w1", Tensor.FromFloats(new[] { 4, 4 }, DynamicReference.Random(16, 8))) });
        var h2 = b.OpNamed("quant", "MatMul", new[] { h, b.Constant("w2", Tensor.FromFloats(new[] { 4, 4 }, DynamicReference.Random(16, 9))) });
        b.Output(b.OpNamed("scores", "MatMul", new[] { h2, y }));
        var r = DynamicQuantizer.Quantize(b.Graph, new DynamicQuantizationOptions { Exclude = new[] { "keep", "nosuchnode" } });

        Assert.Equal(new[] { "quant" }, r.QuantizedNodes);
        Assert.Contains(r.Graph.Nodes, n => n.Name == "keep" && n.OpType == "MatMul");
        Assert.Contains(r.Graph.Nodes, n => n.Name == "scores" && n.OpType == "MatMul");
        Assert.Contains(r.Notes, s => s.Contains("'keep'") && s.Contains("excluded"));
        Assert.Contains(r.Notes, s => s.Contains("'nosuchnode'"));
        Assert.Contains(r.Notes, s => s.StartsWith("1 MatMul node(s) multiply two run-time values"));
        Assert.True(r.Graph.Initializers.ContainsKey("w1"));
        Assert.False(r.Graph.Initializers.ContainsKey("w2"), "the float weight of a quantized node is dropped");
    }

    [Fact]
    public void Weight_bytes_count_int8_weights_and_their_float_scales()
    {
        var (g, _, _) = TorchLinear();
        var perChannel = DynamicQuantizer.Quantize(g, new DynamicQuantizationOptions());
        var perTensor = DynamicQuantizer.Quantize(g, new DynamicQuantizationOptions { PerChannel = false });
        Assert.Equal(4L * K * N + 4 * N, perChannel.WeightBytesBefore);
        Assert.Equal(K * N + 4L * N + 4 * N, perChannel.WeightBytesAfter);
        Assert.Equal(K * N + 4L + 4 * N, perTensor.WeightBytesAfter);
    }

    [Fact]
    public void Reduce_range_keeps_weights_within_seven_bits()
    {
        var (g, w, bias) = TorchLinear();
        var r = DynamicQuantizer.Quantize(g, new DynamicQuantizationOptions { ReduceRange = true });
        var q = r.Graph.Initializers.Values.Single(t => t.Type == DataType.Int8).Int8s;
        Assert.Equal(63, q.Max(v => Math.Abs((int)v)));
        Assert.Equal(DynamicReference.QuantizeWeights(w, K, N, perColumn: true, qmax: 63).Q, q);
    }

    [Fact]
    public void Embedding_tables_are_stored_in_int8_and_gathered_rows_dequantised()
    {
        const int vocab = 10, width = 6;
        var b = new GraphBuilder("embed");
        var ids = b.Input("ids", DataType.Int64, 1, 3);
        var table = DynamicReference.Random(vocab * width, seed: 10);
        b.Output(b.OpNamed("embed", "Gather", new[] { b.Constant("table", Tensor.FromFloats(new[] { vocab, width }, table)), ids }));
        var r = DynamicQuantizer.Quantize(b.Graph, new DynamicQuantizationOptions());

        Assert.Equal(new[] { "embed" }, r.QuantizedEmbeddings);
        Assert.Equal(vocab * width + 4L * width, r.WeightBytesAfter);
        var rows = new long[] { 7, 0, 7 };
        var actual = OrtRunner.Run(r.Graph, new Dictionary<string, Tensor> { ["ids"] = Tensor.FromInt64s(new[] { 1, 3 }, rows) }).Values.First();
        Assert.Equal(new[] { 1, 3, width }, actual.Shape);
        var (q, scales) = DynamicReference.QuantizeWeights(table, vocab, width, perColumn: true);
        for (int t = 0; t < rows.Length; t++)
            for (int d = 0; d < width; d++)
                Assert.Equal(q[rows[t] * width + d] * scales[d], actual.Floats[t * width + d], 1e-6f);

        var kept = DynamicQuantizer.Quantize(b.Graph, new DynamicQuantizationOptions { QuantizeEmbeddings = false });
        Assert.Empty(kept.QuantizedEmbeddings);
        Assert.Equal(kept.WeightBytesBefore, kept.WeightBytesAfter);
        var excluded = DynamicQuantizer.Quantize(b.Graph, new DynamicQuantizationOptions { Exclude = new[] { "embed" } });
        Assert.Empty(excluded.QuantizedEmbeddings);
        Assert.Contains("Gather 'embed' kept in float (excluded)", excluded.Notes);
    }

    [Fact]
    public void Models_before_opset_11_are_refused_with_a_hint()
    {
        var (g, _, _) = TorchLinear(opset: 10);
        var e = Assert.Throws<EdgeToolkitException>(() => DynamicQuantizer.Quantize(g, new DynamicQuantizationOptions()));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("opset 11", e.Message);
    }
}
