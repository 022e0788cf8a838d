using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// One graph that exercises every path of the dense integer emitters, so a single build per
/// target checks them all: a QDQ model that lowers to QGemm / QLookup (rows, odd widths, transB = 0,
/// Clip, LeakyRelu), and integer nodes written directly: QGemm with odd K and N (DSP tails), a K
/// long enough for the unrolled loop, K = 1 and 2, per-channel and uniform requantisation, clamp
/// ranges, requantisation edge cases (accumulators around the rounding ties, M = 0, extreme
/// accumulators, shifts that take etk_requantize), QLookup, and QuantizeLinear / DequantizeLinear
/// per tensor (constant or run-time parameters) and per axis, from and to int8, uint8 and int32. Inputs: special floats (NaN, infinities,
/// signed zeros, subnormals, ties of x / scale and their neighbours) and int8 extremes.
/// </summary>
public static class KernelZoo
{
    public const int Cases = 64;

    private const float Q8Scale = 0.05f, QU8Scale = 0.03f;

    public static ModelGraph Build()
    {
        var g = DenseRuns.QuantizeForTest(DenseModels.GemmClipLeaky(), options: new DenseQdqOptions { PerChannel = false });
        var rng = new Random(7);
        Input(g, "xq", DataType.Int8, 3, 13);
        Input(g, "xq37", DataType.Int8, 2, 37);
        Input(g, "xq36", DataType.Int8, 2, 36);
        Input(g, "xq2", DataType.Int8, 1, 2);
        Input(g, "xr", DataType.Int8, 1, 1);
        Input(g, "xf", DataType.Float32, 2, 13);
        Input(g, "xi", DataType.Int32, 4);
        Input(g, "qs", DataType.Float32, 1);
        Input(g, "qz", DataType.UInt8, 1);

        QGemm(g, "k_a", "xq", Weights(rng, 7, 13), Realistic(rng, 7), zeroPoint: 5);
        QGemm(g, "k_b", "xq", Weights(rng, 5, 13), Enumerable.Repeat(FixedPoint.QuantizeMultiplier(0.0123), 5).ToArray(), zeroPoint: -3, min: -3, max: 100);
        QGemm(g, "k_c", "xq37", Weights(rng, 9, 37), Realistic(rng, 9), zeroPoint: 0);
        QGemm(g, "k_d", "xq36", Weights(rng, 6, 36), Realistic(rng, 6), zeroPoint: -20, max: 90);
        QGemm(g, "k_e", "xq2", Weights(rng, 1, 2), Realistic(rng, 1), zeroPoint: -128);
        // Right shifts 2..31 and M = 0: the kernels' requantisation from the high word of acc * M.
        RequantEdges(g, "k_r1", "xr", zeroPoint: 3, new (int, int)[]
        {
            (1 << 30, -2), (int.MaxValue, -2), (1 << 30, -3), (1518500250, -7), (int.MaxValue, -15), (1 << 30, -23), (int.MaxValue, -23),
            (1 << 30, -24), (int.MaxValue, -28), (1 << 30, -31), (0, 0),
        });
        // Any of e = 1, a left shift or no shift sends every channel through etk_requantize.
        RequantEdges(g, "k_r2", "xr", zeroPoint: -7, new (int, int)[]
        {
            ((1 << 30) + 12345, -1), (1 << 30, 1), (int.MaxValue, 0), (1 << 30, -24), (int.MaxValue, -31), (1518500250, -5),
        });

        var table = Enumerable.Range(0, 256).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
        Node(g, "k_lut", "QLookup", new[] { "xq", Const(g, "k_lut_t", new Tensor(DataType.Int8, new[] { 256 }, table)) }, "edgetk");

        Node(g, "k_q8", "QuantizeLinear", new[] { "xf", Const(g, "k_q8_s", Tensor.Scalar(Q8Scale)), Const(g, "k_q8_z", Int8(-3)) });
        Node(g, "k_qu8", "QuantizeLinear", new[] { "xf", Const(g, "k_qu8_s", Tensor.Scalar(QU8Scale)), Const(g, "k_qu8_z", new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 128 })) });
        var axisScales = Enumerable.Range(0, 13).Select(c => 0.01f * (c + 1)).ToArray();
        var axisZeros = Enumerable.Range(0, 13).Select(c => (sbyte)(c * 9 - 60)).ToArray();
        Node(g, "k_qax", "QuantizeLinear", new[] { "xf", Const(g, "k_qax_s", Tensor.FromFloats(new[] { 13 }, axisScales)),
            Const(g, "k_qax_z", new Tensor(DataType.Int8, new[] { 13 }, axisZeros)) }, attribute: NodeAttribute.Of("axis", 1L));
        Node(g, "k_dq8", "DequantizeLinear", new[] { "xq", Const(g, "k_dq8_s", Tensor.Scalar(0.1f)), Const(g, "k_dq8_z", Int8(3)) });
        Node(g, "k_dqu8", "DequantizeLinear", new[] { "k_qu8_out", "k_qu8_s", "k_qu8_z" });
        Node(g, "k_dqax", "DequantizeLinear", new[] { "xq", "k_qax_s", "k_qax_z" }, attribute: NodeAttribute.Of("axis", -1L));
        // Scale and zero point given at run time.
        Node(g, "k_qrt", "QuantizeLinear", new[] { "xf", "qs", "qz" });
        Node(g, "k_dqrt", "DequantizeLinear", new[] { "k_qrt_out", "qs", "qz" });
        Node(g, "k_dq32", "DequantizeLinear", new[] { "xi", Const(g, "k_dq32_s", Tensor.Scalar(1e-3f)), Const(g, "k_dq32_z", Tensor.FromInt32s(Array.Empty<int>(), new[] { 5 })) });
        return g;
    }

    public static List<IReadOnlyDictionary<string, Tensor>> Inputs()
    {
        var rng = new Random(9);
        var mlp = DenseQdq.RandomInputs(DenseModels.GemmClipLeaky(), Cases, seed: 10, range: 1.3f);
        var floats = SpecialFloats(rng).ToList();
        var list = new List<IReadOnlyDictionary<string, Tensor>>();
        for (int k = 0; k < Cases; k++)
        {
            var d = new Dictionary<string, Tensor>(mlp[k]);
            d["xq"] = Int8s(rng, k, 3, 13);
            d["xq37"] = Int8s(rng, k, 2, 37);
            d["xq36"] = Int8s(rng, k, 2, 36);
            d["xq2"] = Int8s(rng, k, 1, 2);
            // Accumulators of the requantisation edge nodes: bias + x, x = -32..31 around each tie.
            d["xr"] = new Tensor(DataType.Int8, new[] { 1, 1 }, new[] { (sbyte)(k - 32) });
            d["xf"] = Tensor.FromFloats(new[] { 2, 13 }, Enumerable.Range(0, 26).Select(i => floats[(k * 26 + i) % floats.Count]).ToArray());
            d["xi"] = Tensor.FromInt32s(new[] { 4 }, new[] { k == 0 ? int.MinValue : k == 1 ? int.MaxValue : rng.Next(int.MinValue, int.MaxValue), rng.Next(-1000, 1000), 0, -5 + k });
            d["qs"] = Tensor.FromFloats(new[] { 1 }, new[] { (float)(0.005 + 0.2 * rng.NextDouble()) });
            d["qz"] = new Tensor(DataType.UInt8, new[] { 1 }, new[] { (byte)rng.Next(0, 256) });
            list.Add(d);
        }
        return list;
    }

    /// <summary>
    /// K = 1, W = 1 channels whose bias puts x = 0 on a rounding step of R(acc, M, S) (found with
    /// FixedPoint itself), upward at +5 and at -6, plus channels at the extremes of int32.
    /// </summary>
    internal static void RequantEdges(ModelGraph g, string name, string input, int zeroPoint, (int M, int S)[] pairs)
    {
        var bias = new List<int>();
        var ms = new List<(int, int)>();
        foreach (var (m, s) in pairs)
        {
            foreach (int level in new[] { 5, -6 })
            {
                bias.Add(FirstAccumulatorReaching(m, s, level));
                ms.Add((m, s));
            }
        }
        bias.Add(int.MaxValue - 40); ms.Add(pairs[0]);
        bias.Add(int.MinValue + 40); ms.Add(pairs[^1]);
        var w = Enumerable.Repeat((sbyte)1, bias.Count).ToArray();
        QGemm(g, name, input, new Tensor(DataType.Int8, new[] { bias.Count, 1 }, w), ms.ToArray(), zeroPoint, bias: bias.ToArray());
    }

    /// <summary>The least accumulator with R(acc, m, s) &gt;= level (0 when R never gets there, M = 0).</summary>
    private static int FirstAccumulatorReaching(int m, int s, int level)
    {
        if (m == 0) return 0;
        long lo = int.MinValue + 64, hi = int.MaxValue - 64;
        if (FixedPoint.MultiplyByQuantizedMultiplier((int)hi, m, s) < level) return 0;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            // Left shifts wrap for large accumulators: search only where the shift is exact.
            if (s > 0 && Math.Abs(mid) > int.MaxValue >> s) { if (mid < 0) lo = mid + 1; else hi = mid; continue; }
            if (FixedPoint.MultiplyByQuantizedMultiplier((int)mid, m, s) >= level) hi = mid; else lo = mid + 1;
        }
        return (int)lo;
    }

    /// <summary>Multipliers of real scales between 2^-12 and 0.2, one per channel (shifts -3 .. -12).</summary>
    internal static (int, int)[] Realistic(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => FixedPoint.QuantizeMultiplier(Math.Pow(2, -12 + rng.NextDouble() * 9.6))).ToArray();

    internal static Tensor Weights(Random rng, int n, int k) =>
        new(DataType.Int8, new[] { n, k }, Enumerable.Range(0, n * k).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray());

    internal static void QGemm(ModelGraph g, string name, string x, Tensor w, (int M, int S)[] ms, int zeroPoint, int min = -128, int max = 127, int[]? bias = null)
    {
        int n = w.Shape[0];
        var rng = new Random(name.Length);
        bias ??= Enumerable.Range(0, n).Select(_ => rng.Next(-20000, 20000)).ToArray();
        var node = Node(g, name, "QGemm", new[]
        {
            x, Const(g, name + "_w", w), Const(g, name + "_b", Tensor.FromInt32s(new[] { n }, bias)),
            Const(g, name + "_m", Tensor.FromInt32s(new[] { n }, ms.Select(p => p.M).ToArray())),
            Const(g, name + "_s", Tensor.FromInt32s(new[] { n }, ms.Select(p => p.S).ToArray())),
        }, "edgetk");
        node.With(NodeAttribute.Of("output_zero_point", (long)zeroPoint)).With(NodeAttribute.Of("act_min", (long)min)).With(NodeAttribute.Of("act_max", (long)max));
    }

    /// <summary>Floats where quantization is delicate: specials, and x / scale on and next to ties and the saturation edges.</summary>
    internal static IEnumerable<float> SpecialFloats(Random rng)
    {
        yield return float.NaN; yield return float.PositiveInfinity; yield return float.NegativeInfinity;
        yield return 0f; yield return -0f; yield return float.Epsilon; yield return -float.Epsilon; yield return 1e-40f;
        yield return float.MaxValue; yield return float.MinValue; yield return 1e30f; yield return -1e30f;
        foreach (var s in new[] { Q8Scale, QU8Scale, 0.01f, 0.07f, 0.13f })
            foreach (var n in new[] { 0, 1, 2, 3, -1, -2, -3, 100, -100, 127, -128, 131, -131, 160, 255, 256, -256, 300 })
            {
                float tie = (n + 0.5f) * s;
                yield return tie; yield return MathF.BitIncrement(tie); yield return MathF.BitDecrement(tie);
                yield return MathF.BitIncrement(MathF.BitIncrement(tie)); yield return -tie;
                yield return n * s;
            }
        for (int i = 0; i < 200; i++) yield return (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-3, 3)));
    }

    private static Tensor Int8s(Random rng, int k, params int[] shape)
    {
        var v = new sbyte[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < v.Length; i++) v[i] = k switch { 0 => -128, 1 => 127, 2 => 0, _ => (sbyte)rng.Next(-128, 128) };
        return new Tensor(DataType.Int8, shape, v);
    }

    private static Tensor Int8(int v) => new(DataType.Int8, Array.Empty<int>(), new[] { (sbyte)v });

    internal static void Input(ModelGraph g, string name, DataType type, params long[] shape) => g.Inputs.Add(new ValueInfo(name, type, SymShape.Of(shape)));

    internal static string Const(ModelGraph g, string name, Tensor t) { g.Initializers[name] = t; return name; }

    internal static Node Node(ModelGraph g, string name, string op, string[] inputs, string domain = "", NodeAttribute? attribute = null)
    {
        var n = new Node(name, op, inputs, new[] { name + "_out" }, domain);
        if (attribute != null) n.With(attribute);
        g.Nodes.Add(n);
        g.Outputs.Add(new ValueInfo(name + "_out", DataType.Undefined, SymShape.UnknownRank));
        return n;
    }
}
