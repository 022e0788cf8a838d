namespace EdgeToolkit.Graph.Tests.MathOps;

public class UnsignedTests
{
    private static Tensor U8(params byte[] v) => new(DataType.UInt8, new[] { v.Length }, v);

    [Fact]
    public void Uint8_values_above_127_stay_unsigned()
    {
        // 200 + 100 wraps to 44 in uint8; 200 > 100; Cast to float gives 200.
        Assert.Equal(new byte[] { 44 }, new OpCase("Add").In(U8(200)).In(U8(100)).Run1().UInt8s);
        Assert.True(new OpCase("Greater").In(U8(200)).In(U8(100)).Run1().Bools[0]);
        Assert.Equal(new float[] { 200 }, new OpCase("Cast", 13).Attr("to", (long)DataType.Float32).In(U8(200)).Run1().Floats);
        Assert.Equal(new byte[] { 150 }, new OpCase("Clip", 13).In(U8(250)).Const(new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 0 }))
            .Const(new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 150 })).Run1().UInt8s);
        Assert.Equal(new long[] { 0 }, new OpCase("ArgMax", 13).Attr("keepdims", 0L).In(U8(200, 100)).Run1().Int64s);
    }
}
