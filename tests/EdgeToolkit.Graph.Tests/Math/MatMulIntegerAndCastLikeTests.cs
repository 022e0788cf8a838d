namespace EdgeToolkit.Graph.Tests.MathOps;

public class MatMulIntegerAndCastLikeTests
{
    [Fact]
    public void MatMulInteger_subtracts_zero_points()
    {
        // The ONNX operator documentation's example: A - 12 times B.
        var a = new Tensor(DataType.UInt8, new[] { 4, 3 }, new byte[] { 11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0 });
        var b = new Tensor(DataType.UInt8, new[] { 3, 2 }, new byte[] { 1, 4, 2, 5, 3, 6 });
        var za = new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 12 });
        var zb = new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 0 });
        var y = new OpCase("MatMulInteger", 10).In(a).In(b).Const(za).Const(zb).Run1();
        Assert.Equal(new[] { -38, -83, -44, -98, -50, -113, -56, -128 }, y.Int32s);
    }

    [Fact]
    public void MatMulInteger_per_row_and_per_column_zero_points()
    {
        // A = [[1,2],[3,4]] with row zero points [1,3]: [[0,1],[0,1]]; B = I with column zero points [0,1]: [[1,-1],[0,0]].
        var a = new Tensor(DataType.Int8, new[] { 2, 2 }, new sbyte[] { 1, 2, 3, 4 });
        var b = new Tensor(DataType.Int8, new[] { 2, 2 }, new sbyte[] { 1, 0, 0, 1 });
        var y = new OpCase("MatMulInteger", 10).In(a).In(b)
            .Const(new Tensor(DataType.Int8, new[] { 2 }, new sbyte[] { 1, 3 }))
            .Const(new Tensor(DataType.Int8, new[] { 2 }, new sbyte[] { 0, 1 })).Run1();
        Assert.Equal(new[] { 0, 0, 0, 0 }, y.Int32s);
        var z = new OpCase("MatMulInteger", 10).In(a).In(b).Missing().Const(new Tensor(DataType.Int8, new[] { 2 }, new sbyte[] { 0, 1 })).Run1();
        // [[1,2],[3,4]] x [[1,-1],[0,0]] = [[1,-1],[3,-3]].
        Assert.Equal(new[] { 1, -1, 3, -3 }, z.Int32s);
    }

    [Fact]
    public void CastLike_takes_the_type_of_its_second_input()
    {
        var y = new OpCase("CastLike", 15).In(T.F(1.7f, -2.2f)).In(T.L(0)).Run1();
        Assert.Equal(DataType.Int64, y.Type);
        Assert.Equal(new long[] { 1, -2 }, y.Int64s);
    }
}
