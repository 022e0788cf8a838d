using EdgeToolkit.Graph;
using static EdgeToolkit.CodeGen.Tests.Extra.ExtraCheck;

namespace EdgeToolkit.CodeGen.Tests.Extra;

/// <summary>ArgMax, ArgMin, Hardmax, TopK, ReduceLogSum and ReduceLogSumExp against the reference evaluator.</summary>
public class ArgReduceEmitterTests
{
    [Theory]
    [InlineData("ArgMax", 1L, 0L, 0L)]
    [InlineData("ArgMin", -1L, 1L, 0L)]
    [InlineData("ArgMax", 0L, 1L, 1L)]
    [InlineData("ArgMin", 2L, 0L, 1L)]
    public void Arg_float_axes(string op, long axis, long keepdims, long last) =>
        Check(op, new[] { Fed(Random(DataType.Float32, S(3, 4, 5), 20)) }, DataType.Int64,
            attrs: new[] { A("axis", axis), A("keepdims", keepdims), A("select_last_index", last) });

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    public void Arg_ties_int32(long last)
    {
        var x = Fed(Ints(S(2, 5), 3, 7, 7, 1, 7, -2, -2, 0, -2, 5));
        Check("ArgMax", new[] { x }, DataType.Int64, attrs: new[] { A("axis", 1L), A("select_last_index", last) });
        Check("ArgMin", new[] { x }, DataType.Int64, attrs: new[] { A("axis", 1L), A("select_last_index", last) });
    }

    [Fact]
    public void ArgMax_uint8_default_axis() => Check("ArgMax", new[] { Fed(Random(DataType.UInt8, S(4, 3), 21)) }, DataType.Int64);

    [Fact]
    public void ArgMax_skips_nan() =>
        Check("ArgMax", new[] { Fed(Floats(S(2, 3), float.NaN, 1f, 2f, 5f, float.NaN, 5f)) }, DataType.Int64, attrs: A("axis", 1L));

    [Theory]
    [InlineData(13, 1L)]
    [InlineData(13, -1L)]
    [InlineData(11, 1L)]
    [InlineData(11, 0L)]
    public void Hardmax_axes_and_opsets(int opset, long axis) =>
        Check("Hardmax", new[] { Fed(Random(DataType.Float32, S(2, 3, 4), 22)) }, DataType.Float32, opset, A("axis", axis));

    [Fact]
    public void Hardmax_ties_nan_and_minus_infinity() =>
        Check("Hardmax", new[] { Fed(Floats(S(3, 3), 2f, 2f, 1f, float.NaN, float.NaN, float.NaN, float.NegativeInfinity, float.NaN, -3f)) },
            DataType.Float32);

    [Theory]
    [InlineData("ReduceLogSum", 17)]
    [InlineData("ReduceLogSumExp", 17)]
    [InlineData("ReduceLogSumExp", 18)]
    public void ReduceLog_over_axes(string op, int opset)
    {
        var x = Fed(Floats(S(2, 3, 2), 0.5f, 1f, 2f, 3f, 4f, 5f, 0.25f, 9f, 7f, 60f, 0.125f, 70f));
        var axes = new long[] { 1, -1 };
        var inputs = opset >= 18 ? new[] { x, Const(Longs(S(2), axes)) } : new[] { x };
        CheckGraph(b => b.OpNamed("n", op, Names(b, inputs), opset >= 18 ? new[] { A("keepdims", 0L) } : new[] { NodeAttribute.Of("axes", axes) }),
            inputs, DataType.Float32, opset, tol: 1e-5);
    }

    [Fact]
    public void ReduceLogSumExp_large_and_infinite_values()
    {
        var inputs = new[] { Fed(Floats(S(2, 3), 100f, 200f, 150f, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity)) };
        CheckGraph(b => b.OpNamed("n", "ReduceLogSumExp", Names(b, inputs), NodeAttribute.Of("axes", new long[] { 1 })), inputs, DataType.Float32, tol: 1e-5);
    }

    [Theory]
    [InlineData(1L, 1L, 2)]
    [InlineData(0L, -1L, 3)]
    [InlineData(1L, 0L, 1)]
    public void TopK_values_and_indices(long largest, long axis, int k)
    {
        var inputs = new[] { Fed(Floats(S(3, 4), 5f, 1f, 5f, float.NaN, -2f, 7f, 7f, 7f, 0f, float.NaN, 3f, -1f)), Const(Longs(S(1), k)) };
        CheckOutputs(b =>
        {
            var o = b.OpMulti("n", "TopK", Names(b, inputs), 2, A("largest", largest), A("axis", axis));
            return new[] { (o[0], DataType.Float32), (o[1], DataType.Int64) };
        }, inputs);
    }

    [Fact]
    public void TopK_int32_values_only()
    {
        var inputs = new[] { Fed(Random(DataType.Int32, S(2, 6, 2), 23)), Const(Longs(S(1), 4)) };
        CheckGraph(b => b.OpMulti("n", "TopK", Names(b, inputs), 2, A("axis", 1L))[0], inputs, DataType.Int32);
    }
}
