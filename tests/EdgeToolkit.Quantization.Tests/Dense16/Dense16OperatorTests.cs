using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Ops.Quantized;

namespace EdgeToolkit.Quantization.Tests.Dense16;

/// <summary>The reference evaluator of int16 QGemm and QLookup16 on cases worked out by hand from Ops/Quantized/README.md.</summary>
public class Dense16OperatorTests
{
    /// <summary>X [1, 3] int16 -> QGemm with W [[1, 2, 3], [-4, 5, -6]], B [10, -5], the given multipliers (M = 2^30) and shifts.</summary>
    private static short[] Gemm(int[] shifts, short[] x, int actMin = short.MinValue, int actMax = short.MaxValue, int zeroPoint = 0)
    {
        var g = new ModelGraph { Name = "qgemm16", Opset = 21 };
        g.Inputs.Add(new ValueInfo("x", DataType.Int16, SymShape.Of(1, 3)));
        g.Initializers["w"] = new Tensor(DataType.Int8, new[] { 2, 3 }, new sbyte[] { 1, 2, 3, -4, 5, -6 });
        g.Initializers["b"] = Tensor.FromInt32s(new[] { 2 }, new[] { 10, -5 });
        g.Initializers["m"] = Tensor.FromInt32s(new[] { 2 }, new[] { 1 << 30, 1 << 30 });
        g.Initializers["s"] = Tensor.FromInt32s(new[] { 2 }, shifts);
        g.Nodes.Add(new Node("fc", "QGemm", new[] { "x", "w", "b", "m", "s" }, new[] { "y" }, "edgetk")
            .With(NodeAttribute.Of("output_zero_point", (long)zeroPoint)).With(NodeAttribute.Of("act_min", (long)actMin)).With(NodeAttribute.Of("act_max", (long)actMax)));
        g.Outputs.Add(new ValueInfo("y", DataType.Int16, SymShape.UnknownRank));
        ShapeInference.Run(g);
        Assert.Equal(DataType.Int16, g.GetInfo("y").Type);
        return Evaluator.Run(g, new Dictionary<string, Tensor> { ["x"] = new Tensor(DataType.Int16, new[] { 1, 3 }, x) })["y"].Int16s;
    }

    [Fact]
    public void QGemmSumsInt16RowsAndRequantisesToInt16()
    {
        // M = 2^30 with S = -8 is 1/512, with S = -9 1/1024. x = (30000, -20000, 1000):
        // acc0 = 10 + 30000 - 40000 + 3000 = -6990 -> -13.65 -> -14; acc1 = -5 - 120000 - 100000 - 6000 = -226005 -> -220.71 -> -221.
        Assert.Equal(new short[] { -14, -221 }, Gemm(new[] { -8, -9 }, new short[] { 30000, -20000, 1000 }));
        // The zero point is added after the scaling, then the clamp: [-100, 32767] holds -14 + 7 but not -221 + 7.
        Assert.Equal(new short[] { -7, -100 }, Gemm(new[] { -8, -9 }, new short[] { 30000, -20000, 1000 }, actMin: -100, zeroPoint: 7));
    }

    [Fact]
    public void QGemmSaturatesAtTheInt16Range()
    {
        // M = 0.5 (S = 0): acc0 = 10 + 6 * 32767 = 196612 -> 98306 -> 32767; acc1 = -5 - 5 * 32767 = -163840 -> -81920 -> -32768.
        Assert.Equal(new short[] { 32767, -32768 }, Gemm(new[] { 0, 0 }, new short[] { 32767, 32767, 32767 }));
    }

    [Fact]
    public void QGemmRoundsTiesUp()
    {
        // M = 0.25 (S = -1): x = (-1, -1, 0): acc0 = 7 -> 1.75 -> 2; acc1 = -6 -> -1.5 -> -1 (ties toward +infinity).
        Assert.Equal(new short[] { 2, -1 }, Gemm(new[] { -1, -1 }, new short[] { -1, -1, 0 }));
    }

    private static short[] Lookup(int[] table, short[] curvature, params short[] x)
    {
        var g = new ModelGraph { Name = "qlookup16", Opset = 21 };
        g.Inputs.Add(new ValueInfo("x", DataType.Int16, SymShape.Of(x.Length)));
        g.Initializers["t"] = Tensor.FromInt32s(new[] { table.Length }, table);
        g.Initializers["c"] = new Tensor(DataType.Int16, new[] { curvature.Length }, curvature);
        g.Nodes.Add(new Node("lut", "QLookup16", new[] { "x", "t", "c" }, new[] { "y" }, "edgetk"));
        g.Outputs.Add(new ValueInfo("y", DataType.Int16, SymShape.UnknownRank));
        ShapeInference.Run(g);
        return Evaluator.Run(g, new Dictionary<string, Tensor> { ["x"] = new Tensor(DataType.Int16, new[] { x.Length }, x) })["y"].Int16s;
    }

    /// <summary>x at segment j (0..511), offset f (0..127) within it: -32768 + 128 j + f.</summary>
    private static short At(int j, int f) => (short)(-32768 + 128 * j + f);

    /// <summary>Table entries (1/128 steps) from a function of the entry index, and no curvature unless given.</summary>
    private static int[] Table(Func<int, int> steps128) => Enumerable.Range(0, QLookup16Operator.TableLength).Select(steps128).ToArray();
    private static short[] Flat() => new short[QLookup16Operator.Segments];

    [Fact]
    public void QLookup16InterpolatesBetweenEntriesAndRoundsHalfUp()
    {
        // Entries rise by one step per entry up to j = 256, then fall by one.
        var t = Table(j => 128 * (j <= 256 ? j : 512 - j));
        Assert.Equal(new short[]
        {
            0,      // x = -32768: T[0]
            10,     // T[10] exactly
            11,     // 10 + 64/128 = 10.5 rounds up
            10,     // 10 + 63/128 = 10.49
            212,    // falling from 212: 212 - 64/128 = 211.5 rounds up to 212
            211,    // 212 - 65/128 = 211.49
            256,    // x = 0 reads T[256]
            0,      // x = 32767: 1 - 127/128
        }, Lookup(t, Flat(), At(0, 0), At(10, 0), At(10, 64), At(10, 63), At(300, 64), At(300, 65), 0, 32767));
    }

    [Fact]
    public void QLookup16EntriesCarryFractionsOfAStep()
    {
        // T[0] = 0.5 step rounds up to 1, T[2] = -0.5 step up to 0, T[4] = 0.49 step down to 0.
        var t = Table(j => j switch { 0 or 1 => 64, 2 or 3 => -64, 4 or 5 => 63, _ => 0 });
        Assert.Equal(new short[] { 1, 0, 0 }, Lookup(t, Flat(), At(0, 0), At(2, 0), At(4, 0)));
    }

    [Fact]
    public void QLookup16AddsEachSegmentsParabola()
    {
        // A flat table with C[5] = 512: the parabola 512 f (128 - f) / 128 in 1/16384 steps is one step at the
        // midpoint, 0.75 at f = 32, 0.4375 at f = 16, and nothing at the ends or in other segments.
        var c = Flat();
        c[5] = 512;
        Assert.Equal(new short[] { 1, 1, 0, 0, 0 }, Lookup(Table(_ => 0), c, At(5, 64), At(5, 32), At(5, 16), At(5, 0), At(4, 64)));
    }

    [Fact]
    public void QLookup16SaturatesAndTakesSlopesAcrossTheWholeRange()
    {
        // From -32768 to 32767 within one segment: -32768 + 65535 * 127/128 = 32255.01.
        var steep = Table(j => j == 0 ? -32768 * 128 : 32767 * 128);
        Assert.Equal(new short[] { 32255 }, Lookup(steep, Flat(), At(0, 127)));
        // A parabola above the top entry saturates at 32767; below the bottom one at -32768.
        var top = Table(_ => 32767 * 128);
        var up = Flat(); up[3] = short.MaxValue;
        Assert.Equal(new short[] { short.MaxValue }, Lookup(top, up, At(3, 64)));
        var bottom = Table(_ => -32768 * 128);
        var down = Flat(); down[3] = short.MinValue;
        Assert.Equal(new short[] { short.MinValue }, Lookup(bottom, down, At(3, 64)));
    }
}
