namespace EdgeToolkit.Graph.Tests.MathOps;

public class CastTests
{
    private static Tensor Cast(Tensor x, DataType to) => new OpCase("Cast", 13).Attr("to", (long)to).In(x).Run1();

    [Fact]
    public void Float_to_int_truncates_toward_zero()
    {
        Assert.Equal(new[] { 1, -1, 0, 2 }, Cast(T.F(1.9f, -1.9f, -0.5f, 2), DataType.Int32).Int32s);
        Assert.Equal(new long[] { 12345678, -3 }, Cast(T.F(12345678f, -3.99f), DataType.Int64).Int64s);
    }

    [Fact]
    public void Float_to_int_saturates_out_of_range_and_nan_is_zero()
    {
        Assert.Equal(new[] { int.MaxValue, int.MinValue, 0 }, Cast(T.F(3e9f, -3e9f, float.NaN), DataType.Int32).Int32s);
        Assert.Equal(new byte[] { 0, 255, 200 }, Cast(T.F(-1, 300, 200.7f), DataType.UInt8).UInt8s);
        Assert.Equal(new sbyte[] { -128, 127 }, Cast(T.F(-1000, 1000), DataType.Int8).Int8s);
    }

    [Fact]
    public void Int_to_narrower_int_wraps()
    {
        Assert.Equal(new sbyte[] { 44, -1, -128 }, Cast(T.L(300, 255, 128), DataType.Int8).Int8s);
        Assert.Equal(new[] { -1 }, Cast(T.L(0xFFFFFFFFL), DataType.Int32).Int32s);
    }

    [Fact]
    public void Bool_conversions()
    {
        Assert.Equal(new[] { true, false, true }, Cast(T.F(0.1f, 0, float.NaN), DataType.Bool).Bools);
        Assert.Equal(new float[] { 1, 0 }, Cast(T.B(true, false), DataType.Float32).Floats);
        Assert.Equal(new long[] { 1, 0 }, Cast(T.B(true, false), DataType.Int64).Int64s);
        Assert.Equal(new[] { false, true }, Cast(T.L(0, -7), DataType.Bool).Bools);
    }

    [Fact]
    public void Int_to_float_rounds_to_nearest()
    {
        // 2^24 + 1 is not representable in float32: ties to even gives 2^24.
        Assert.Equal(new float[] { 16777216f, -5 }, Cast(T.L(16777217, -5), DataType.Float32).Floats);
    }

    [Fact]
    public void Float_widths()
    {
        var d = Cast(T.F(0.1f), DataType.Float64);
        Assert.Equal(DataType.Float64, d.Type);
        Assert.Equal((double)0.1f, ((double[])d.Data)[0]);
        var back = Cast(new Tensor(DataType.Float64, new[] { 1 }, new[] { 0.1 }), DataType.Float32);
        Assert.Equal(0.1f, back.Floats[0]);
        var h = Cast(T.F(1.5f, 65520f), DataType.Float16);
        Assert.Equal(new[] { (Half)1.5f, Half.PositiveInfinity }, (Half[])h.Data);
    }

    [Fact]
    public void Symbolic_shape_passes_through_with_the_new_type()
    {
        var info = new OpCase("Cast", 13).Attr("to", (long)DataType.Int64).Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("n") })).Infer()[0];
        Assert.Equal(DataType.Int64, info.Type);
        Assert.Equal(new SymShape(new[] { Dim.Sym("n") }), info.Shape);
    }

    [Fact]
    public void Cast_to_string_is_unsupported()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Cast", 13).Attr("to", (long)DataType.String).In(T.F(1)).Infer());
        Assert.Equal("node_Cast", e.NodeName);
    }
}
