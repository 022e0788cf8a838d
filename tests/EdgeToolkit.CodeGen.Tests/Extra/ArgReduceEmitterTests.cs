using EdgeToolkit.Graph;
using static EdgeToolkit.CodeGen.Tests.Extra.ExtraCheck;

namespace EdgeToolkit.CodeGen.Tests.Extra;

/// <summary>ArgMax, ArgMin and Hardmax against the reference evaluator.</summary>
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
}
