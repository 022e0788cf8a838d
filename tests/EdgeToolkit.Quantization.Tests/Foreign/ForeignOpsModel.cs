using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.Quantization.Tests.Foreign;

/// <summary>
/// One hand-built model holding the already-quantized ops other tools write, in the variants
/// ONNX Runtime runs (its QLinearMatMul and MatMulInteger take per-tensor a parameters, and per
/// tensor or per column b parameters), so one ORT session and one C build per target cover them:
/// QLinearMatMul uint8 x uint8, uint8 x int8 with per-column b scale and zero point, int8 x int8
/// batched with a run-time b, and K = 11 with N = 9 (an odd number of 4-input groups, 3 inputs past the last, a partial column block);
/// MatMulInteger with and without zero points; DynamicQuantizeLinear alone (an all-zero input in
/// one case) and feeding MatMulInteger, as in a dynamically quantized model.
/// </summary>
public static class ForeignOpsModel
{
    public const int Cases = 3;

    public static ModelGraph Build()
    {
        var b = new GraphBuilder("foreign_ops", opset: 13);

        Qlinear(b, "q_u8_u8", DataType.UInt8, new long[] { 2, 3, 8 }, DataType.UInt8, new[] { 8, 5 }, perColumn: false, constantB: true, seed: 10);
        Qlinear(b, "q_u8_s8_per_column", DataType.UInt8, new long[] { 4, 8 }, DataType.Int8, new[] { 8, 6 }, perColumn: true, constantB: true, seed: 20);
        Qlinear(b, "q_s8_batched", DataType.Int8, new long[] { 2, 3, 8 }, DataType.Int8, new[] { 2, 8, 5 }, perColumn: false, constantB: false, seed: 30);
        Qlinear(b, "q_s8_odd", DataType.Int8, new long[] { 3, 11 }, DataType.Int8, new[] { 11, 9 }, perColumn: true, constantB: true, seed: 40);

        // MatMulInteger: uint8 a with a scalar zero point, int8 weights with a zero point per column; then int8 x int8, batched, no zero points.
        var ma = b.Input("mi_a", DataType.UInt8, 3, 8);
        var maz = b.Input("mi_a_zero", DataType.UInt8, Array.Empty<long>());
        b.Output(b.OpNamed("mi_zero_points", "MatMulInteger", new[] { ma, b.Constant("mi_b", Random8(DataType.Int8, new[] { 8, 6 }, 50)), maz,
            b.Constant("mi_b_zero", Random8(DataType.Int8, new[] { 6 }, 51)) }), DataType.Int32);
        var mb = b.Input("mi2_a", DataType.Int8, 2, 2, 5);
        var mbb = b.Input("mi2_b", DataType.Int8, 5, 3);
        b.Output(b.OpNamed("mi_plain", "MatMulInteger", new[] { mb, mbb }), DataType.Int32);

        // DynamicQuantizeLinear on its own, and feeding MatMulInteger with its run-time zero point.
        foreach (var dq in b.OpMulti("dql", "DynamicQuantizeLinear", new[] { b.Input("dql_x", DataType.Float32, 2, 10) }, 3))
            b.Output(dq, dq.EndsWith('1') ? DataType.Float32 : DataType.UInt8);
        var xq = b.OpMulti("dql_chain", "DynamicQuantizeLinear", new[] { b.Input("chain_x", DataType.Float32, 3, 16) }, 3);
        b.Output(b.OpNamed("chain_product", "MatMulInteger", new[] { xq[0], b.Constant("chain_w", Random8(DataType.Int8, new[] { 16, 4 }, 60)), xq[2] }), DataType.Int32);
        return b.Graph;
    }

    /// <summary>QLinearMatMul with its a (and b, when not constant) as graph inputs; scales chosen so outputs spread over the range.</summary>
    private static void Qlinear(GraphBuilder b, string name, DataType aType, long[] aShape, DataType bType, int[] bShape, bool perColumn, bool constantB, int seed)
    {
        int n = bShape[^1], k = bShape[^2];
        var a = b.Input(name + "_a", aType, aShape);
        var bq = constantB ? b.Constant(name + "_b", Random8(bType, bShape, seed)) : b.Input(name + "_b", bType, bShape.Select(d => (long)d).ToArray());
        var rng = new Random(seed + 1);
        var bScale = perColumn ? Tensor.Vector(Enumerable.Range(0, n).Select(_ => 0.002f + 0.01f * (float)rng.NextDouble()).ToArray()) : Tensor.Scalar(0.0079f);
        var bZero = perColumn ? Random8(bType, new[] { n }, seed + 2) : Random8(bType, Array.Empty<int>(), seed + 2);
        var yType = aType;
        // y_scale near the spread of the sums (about 100 * 100 * sqrt(k) times a_scale * b_scale): most outputs land inside the range, some saturate.
        var inputs = new[]
        {
            a, b.Constant(name + "_a_scale", Tensor.Scalar(0.05f)), b.Constant(name + "_a_zero", Random8(aType, Array.Empty<int>(), seed + 3)),
            bq, b.Constant(name + "_b_scale", bScale), b.Constant(name + "_b_zero", bZero),
            b.Constant(name + "_y_scale", Tensor.Scalar(0.05f * k)), b.Constant(name + "_y_zero", Random8(yType, Array.Empty<int>(), seed + 4)),
        };
        b.Output(b.OpNamed(name, "QLinearMatMul", inputs), yType);
    }

    /// <summary>Seeded random inputs for every graph input; case 0 gives the standalone DynamicQuantizeLinear all zeros, case 1 only negative values.</summary>
    public static List<Dictionary<string, Tensor>> Inputs(ModelGraph g)
    {
        var cases = new List<Dictionary<string, Tensor>>();
        for (int c = 0; c < Cases; c++)
        {
            var d = new Dictionary<string, Tensor>();
            foreach (var i in g.Inputs)
            {
                var shape = i.Shape.ToConcrete();
                int seed = 1000 * c + i.Name.Length * 7 + i.Name[0];
                d[i.Name] = i.Type == DataType.Float32 ? Floats(shape, seed, c) : Random8(i.Type, shape, seed);
            }
            d["dql_x"] = c switch
            {
                0 => Tensor.Zeros(DataType.Float32, new[] { 2, 10 }),
                1 => Tensor.FromFloats(new[] { 2, 10 }, d["dql_x"].Floats.Select(v => -Math.Abs(v) - 0.25f).ToArray()),
                _ => d["dql_x"],
            };
            cases.Add(d);
        }
        return cases;
    }

    private static Tensor Floats(int[] shape, int seed, int c)
    {
        var rng = new Random(seed);
        // A different range per case, and values on exact halves of a step now and then (ties in the rounding).
        return Tensor.FromFloats(shape, Enumerable.Range(0, (int)Tensor.ElementCountOf(shape))
            .Select(i => i % 5 == 0 ? (i - 7) * 0.5f : (float)(rng.NextDouble() * 2 - 0.8) * (1 + 3 * c)).ToArray());
    }

    public static Tensor Random8(DataType type, int[] shape, int seed)
    {
        var rng = new Random(seed);
        int n = (int)Tensor.ElementCountOf(shape);
        return type == DataType.UInt8
            ? new Tensor(type, shape, Enumerable.Range(0, n).Select(_ => (byte)rng.Next(256)).ToArray())
            : new Tensor(type, shape, Enumerable.Range(0, n).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray());
    }
}
