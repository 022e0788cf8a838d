namespace EdgeToolkit.Graph.Tests.MathOps;

public class LegacyAndBitwiseTests
{
    [Fact]
    public void PRelu_before_opset_7_treats_a_1d_slope_as_per_channel()
    {
        // X [N=1, C=2, 2]; slope [2] applies along dim 1, not the last dim.
        var y = new OpCase("PRelu", 6).In(T.F(T.S(1, 2, 2), -2, -4, -2, -4)).In(T.F(0.5f, 0.25f)).Run1();
        Assert.Equal(new float[] { -1, -2, -0.5f, -1 }, y.Floats);
    }

    [Fact]
    public void Bitwise_and_or_xor_not()
    {
        Assert.Equal(new[] { 0b1000, 0 }, new OpCase("BitwiseAnd", 18).In(T.I(0b1100, 5)).In(T.I(0b1010, 2)).Run1().Int32s);
        Assert.Equal(new[] { 0b1110, 7 }, new OpCase("BitwiseOr", 18).In(T.I(0b1100, 5)).In(T.I(0b1010, 2)).Run1().Int32s);
        Assert.Equal(new[] { 0b0110, 7 }, new OpCase("BitwiseXor", 18).In(T.I(0b1100, 5)).In(T.I(0b1010, 2)).Run1().Int32s);
        Assert.Equal(new[] { -1, -6 }, new OpCase("BitwiseNot", 18).In(T.I(0, 5)).Run1().Int32s);
    }

    [Fact]
    public void BitShift_on_unsigned_types()
    {
        var x = new Tensor(DataType.UInt8, new[] { 3 }, new byte[] { 16, 4, 255 });
        var s = new Tensor(DataType.UInt8, new[] { 3 }, new byte[] { 1, 2, 4 });
        Assert.Equal(new byte[] { 8, 1, 15 }, new OpCase("BitShift", 11).Attr("direction", "RIGHT").In(x).In(s).Run1().UInt8s);
        // Left shifts drop the bits that leave the type: 255 << 4 = 0xF0.
        Assert.Equal(new byte[] { 32, 16, 240 }, new OpCase("BitShift", 11).Attr("direction", "LEFT").In(x).In(s).Run1().UInt8s);
        var big = new Tensor(DataType.UInt64, new[] { 1 }, new[] { 0x8000_0000_0000_0000UL });
        var one = new Tensor(DataType.UInt64, new[] { 1 }, new[] { 63UL });
        Assert.Equal(new[] { 1UL }, (ulong[])new OpCase("BitShift", 11).Attr("direction", "RIGHT").In(big).In(one).Run1().Data);
        Assert.Throws<EdgeToolkitException>(() => new OpCase("BitShift", 11).In(x).In(s).Infer());
    }
}
