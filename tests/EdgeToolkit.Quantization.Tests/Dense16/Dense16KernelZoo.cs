using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Quantized;
using EdgeToolkit.Graph.Quantization;
using EdgeToolkit.Quantization.Tests.Dense;
using static EdgeToolkit.Quantization.Tests.Dense.KernelZoo;

namespace EdgeToolkit.Quantization.Tests.Dense16;

/// <summary>
/// One graph that exercises every path of the 16x8 emitters (int16 activations, int8 weights), so a
/// single build per target checks them all: a QDQ model that lowers to int16 QGemm / QLookup16
/// (rows, Clip, LeakyRelu), and integer nodes written directly: QGemm with every K mod 4 (the SMLAD
/// loop's tails read 1, 2 or 3 int16 values), K long enough for the unrolled loop, K = 1, 2, 3,
/// several rows, per-channel and uniform requantisation, zero points and clamp ranges in int16,
/// requantisation edge cases on both paths (high word, etk_requantize); QLookup16 over a table of
/// extreme slopes; QuantizeLinear / DequantizeLinear to and from int16, per tensor (constant or
/// run-time parameters) and per axis. Inputs: int16 extremes, special floats (NaN, infinities,
/// zeros, ties of x / scale at and beyond the int16 range).
/// </summary>
public static class Dense16KernelZoo
{
    public const int Cases = 64;

    private const float Q16Scale = 1e-4f;

    public static ModelGraph Build()
    {
        var g = DenseRuns.QuantizeForTest(DenseModels.GemmClipLeaky(), options: new DenseQdqOptions { PerChannel = false, Activations = DataType.Int16 });
        var rng = new Random(17);
        foreach (var (name, k) in new[] { ("s13", 13), ("s37", 37), ("s38", 38), ("s39", 39), ("s36", 36), ("s1", 1), ("s2", 2), ("s3", 3) })
            Input(g, name, DataType.Int16, k == 13 ? 3 : 2, k);
        Input(g, "sr", DataType.Int16, 1, 1);
        Input(g, "sf", DataType.Float32, 2, 13);
        Input(g, "qs", DataType.Float32, 1);
        Input(g, "qz", DataType.Int16, 1);

        QGemm(g, "w_a", "s13", Weights(rng, 7, 13), Realistic(rng, 7), zeroPoint: 0, min: short.MinValue, max: short.MaxValue, bias: Biases(rng, 7));
        QGemm(g, "w_b", "s13", Weights(rng, 5, 13), Enumerable.Repeat(FixedPoint.QuantizeMultiplier(0.0123), 5).ToArray(), zeroPoint: 0, min: -3, max: 30000, bias: Biases(rng, 5));
        QGemm(g, "w_c", "s37", Weights(rng, 9, 37), Realistic(rng, 9), zeroPoint: 1000, min: short.MinValue, max: short.MaxValue, bias: Biases(rng, 9));
        QGemm(g, "w_d", "s38", Weights(rng, 6, 38), Realistic(rng, 6), zeroPoint: 0, min: short.MinValue, max: 20000, bias: Biases(rng, 6));
        QGemm(g, "w_e", "s39", Weights(rng, 5, 39), Realistic(rng, 5), zeroPoint: -2000, min: short.MinValue, max: short.MaxValue, bias: Biases(rng, 5));
        QGemm(g, "w_f", "s36", Weights(rng, 3, 36), Realistic(rng, 3), zeroPoint: 0, min: short.MinValue, max: short.MaxValue, bias: Biases(rng, 3));
        foreach (var k in new[] { 1, 2, 3 })
            QGemm(g, $"w_k{k}", $"s{k}", Weights(rng, 2, k), Realistic(rng, 2), zeroPoint: 0, min: short.MinValue, max: short.MaxValue, bias: Biases(rng, 2));
        // Right shifts 2..31 and M = 0 (the high-word requantisation), then shifts that take etk_requantize.
        RequantEdges(g, "w_r1", "sr", zeroPoint: 0, new (int, int)[]
        {
            (1 << 30, -2), (int.MaxValue, -2), (1518500250, -7), (int.MaxValue, -15), (1 << 30, -24), (int.MaxValue, -28), (1 << 30, -31), (0, 0),
        });
        RequantEdges(g, "w_r2", "sr", zeroPoint: 5, new (int, int)[] { ((1 << 30) + 12345, -1), (1 << 30, 1), (int.MaxValue, 0), (1518500250, -5) });
        foreach (var name in new[] { "w_r1", "w_r2" })
        {
            var node = g.Nodes.Single(n => n.Name == name);
            node.With(NodeAttribute.Of("act_min", (long)short.MinValue)).With(NodeAttribute.Of("act_max", (long)short.MaxValue));
        }

        // A table with slopes across the whole int16 range between neighbours, and parabolas of every size (saturating ones too).
        const int Lo = short.MinValue * 128, Hi = short.MaxValue * 128;
        var table = Enumerable.Range(0, QLookup16Operator.TableLength).Select(j => j % 7 == 0 ? Lo : j % 7 == 1 ? Hi : rng.Next(Lo, Hi + 1)).ToArray();
        var curvature = Enumerable.Range(0, QLookup16Operator.Segments).Select(j => (short)(j % 5 == 0 ? short.MinValue : j % 5 == 1 ? short.MaxValue : rng.Next(-32768, 32768))).ToArray();
        Node(g, "w_lut", "QLookup16", new[] { "s13", Const(g, "w_lut_t", Tensor.FromInt32s(new[] { table.Length }, table)),
            Const(g, "w_lut_c", new Tensor(DataType.Int16, new[] { curvature.Length }, curvature)) }, "edgetk");

        Node(g, "w_q16", "QuantizeLinear", new[] { "sf", Const(g, "w_q16_s", Tensor.Scalar(Q16Scale)), Const(g, "w_q16_z", Int16(-3)) });
        var axisScales = Enumerable.Range(0, 13).Select(c => 1e-3f * (c + 1)).ToArray();
        var axisZeros = Enumerable.Range(0, 13).Select(c => (short)(c * 900 - 6000)).ToArray();
        Node(g, "w_qax", "QuantizeLinear", new[] { "sf", Const(g, "w_qax_s", Tensor.FromFloats(new[] { 13 }, axisScales)),
            Const(g, "w_qax_z", new Tensor(DataType.Int16, new[] { 13 }, axisZeros)) }, attribute: NodeAttribute.Of("axis", 1L));
        Node(g, "w_dq16", "DequantizeLinear", new[] { "s13", Const(g, "w_dq16_s", Tensor.Scalar(0.01f)), Const(g, "w_dq16_z", Int16(300)) });
        Node(g, "w_dqax", "DequantizeLinear", new[] { "s13", "w_qax_s", "w_qax_z" }, attribute: NodeAttribute.Of("axis", -1L));
        Node(g, "w_qrt", "QuantizeLinear", new[] { "sf", "qs", "qz" });
        Node(g, "w_dqrt", "DequantizeLinear", new[] { "w_qrt_out", "qs", "qz" });
        return g;
    }

    public static List<IReadOnlyDictionary<string, Tensor>> Inputs()
    {
        var rng = new Random(19);
        var mlp = DenseQdq.RandomInputs(DenseModels.GemmClipLeaky(), Cases, seed: 10, range: 1.3f);
        var floats = SpecialFloats16(rng).ToList();
        var list = new List<IReadOnlyDictionary<string, Tensor>>();
        for (int k = 0; k < Cases; k++)
        {
            var d = new Dictionary<string, Tensor>(mlp[k]);
            d["s13"] = Int16s(rng, k, 3, 13);
            foreach (var (name, n) in new[] { ("s37", 37), ("s38", 38), ("s39", 39), ("s36", 36), ("s1", 1), ("s2", 2), ("s3", 3) }) d[name] = Int16s(rng, k, 2, n);
            // Accumulators of the requantisation edge nodes: bias + x, x = -32..31 around each tie.
            d["sr"] = new Tensor(DataType.Int16, new[] { 1, 1 }, new[] { (short)(k - 32) });
            d["sf"] = Tensor.FromFloats(new[] { 2, 13 }, Enumerable.Range(0, 26).Select(i => floats[(k * 26 + i) % floats.Count]).ToArray());
            d["qs"] = Tensor.FromFloats(new[] { 1 }, new[] { (float)(1e-5 + 1e-3 * rng.NextDouble()) });
            d["qz"] = new Tensor(DataType.Int16, new[] { 1 }, new[] { (short)rng.Next(-32768, 32768) });
            list.Add(d);
        }
        return list;
    }

    /// <summary>Biases of the size int16 sums reach.</summary>
    private static int[] Biases(Random rng, int n) => Enumerable.Range(0, n).Select(_ => rng.Next(-3_000_000, 3_000_000)).ToArray();

    /// <summary>Floats where int16 quantization is delicate: specials, and x / scale on and next to ties, the saturation edges and the kernel's |v| &lt; 65536 branch.</summary>
    private static IEnumerable<float> SpecialFloats16(Random rng)
    {
        yield return float.NaN; yield return float.PositiveInfinity; yield return float.NegativeInfinity;
        yield return 0f; yield return -0f; yield return float.Epsilon; yield return -float.Epsilon; yield return float.MaxValue; yield return float.MinValue;
        foreach (var s in new[] { Q16Scale, 1e-3f, 7e-3f, 1.3e-2f })
            foreach (var n in new[] { 0, 1, 2, -1, -2, 100, -100, 32765, 32766, 32767, 32768, -32768, -32769, -32770, 38767, 65535, 65536, -65536, 70000 })
            {
                float tie = (n + 0.5f) * s;
                yield return tie; yield return MathF.BitIncrement(tie); yield return MathF.BitDecrement(tie); yield return -tie;
                yield return n * s;
            }
        for (int i = 0; i < 200; i++) yield return (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 3)));
    }

    private static Tensor Int16s(Random rng, int k, params int[] shape)
    {
        var v = new short[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < v.Length; i++) v[i] = k switch { 0 => short.MinValue, 1 => short.MaxValue, 2 => 0, _ => (short)rng.Next(-32768, 32768) };
        return new Tensor(DataType.Int16, shape, v);
    }

    private static Tensor Int16(int v) => new(DataType.Int16, Array.Empty<int>(), new[] { (short)v });
}
