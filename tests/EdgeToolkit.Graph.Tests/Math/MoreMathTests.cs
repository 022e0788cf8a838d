namespace EdgeToolkit.Graph.Tests.MathOps;

public class MoreMathTests
{
    [Fact]
    public void PRelu_with_per_channel_slope()
    {
        // X [N=1, C=2, H=1, W=2] with slope [2, 1, 1]: channel 0 slope 0.5, channel 1 slope 2.
        var y = new OpCase("PRelu", 16).In(T.F(T.S(1, 2, 1, 2), -2, 3, -1, 4)).In(T.F(T.S(2, 1, 1), 0.5f, 2)).Run1();
        Assert.Equal(new float[] { -1, 3, -2, 4 }, y.Floats);
    }

    [Fact]
    public void PRelu_slope_must_broadcast_to_x()
    {
        Assert.Throws<EdgeToolkitException>(() => new OpCase("PRelu", 16).In(T.F(1, 2)).In(T.F(1, 2, 3)).Infer());
    }

    [Fact]
    public void IsNaN_and_IsInf_with_direction()
    {
        var x = T.F(float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1);
        Assert.Equal(new[] { true, false, false, false }, new OpCase("IsNaN", 13).In(x).Run1().Bools);
        Assert.Equal(new[] { false, true, true, false }, new OpCase("IsInf", 10).In(x).Run1().Bools);
        Assert.Equal(new[] { false, false, true, false }, new OpCase("IsInf", 10).Attr("detect_positive", 0L).In(x).Run1().Bools);
    }

    [Fact]
    public void CumSum_forward_exclusive_reverse()
    {
        var x = T.F(T.S(2, 3), 1, 2, 3, 4, 5, 6);
        Assert.Equal(new float[] { 1, 3, 6, 4, 9, 15 }, new OpCase("CumSum", 14).In(x).Const(Tensor.Scalar(1L)).Run1().Floats);
        Assert.Equal(new float[] { 1, 2, 3, 5, 7, 9 }, new OpCase("CumSum", 14).In(x).Const(Tensor.Scalar(0L)).Run1().Floats);
        Assert.Equal(new float[] { 0, 1, 3, 0, 4, 9 }, new OpCase("CumSum", 14).Attr("exclusive", 1L).In(x).Const(Tensor.Scalar(-1L)).Run1().Floats);
        Assert.Equal(new float[] { 6, 5, 3, 15, 11, 6 }, new OpCase("CumSum", 14).Attr("reverse", 1L).In(x).Const(Tensor.Scalar(1L)).Run1().Floats);
        Assert.Equal(new long[] { 5, 3, 0 }, new OpCase("CumSum", 14).Attr("reverse", 1L).Attr("exclusive", 1L).In(T.L(1, 2, 3)).Const(Tensor.Scalar(0L)).Run1().Int64s);
    }

    [Fact]
    public void Shrink_defaults_and_bias()
    {
        // lambd 0.5, bias 0 by default.
        Assert.Equal(new float[] { -1, 0, 0, 2 }, new OpCase("Shrink").In(T.F(-1, -0.5f, 0.4f, 2)).Run1().Floats);
        Assert.Equal(new float[] { 0, 0, 1 }, new OpCase("Shrink").Attr("lambd", 1.5f).Attr("bias", 1.5f).In(T.F(-1, 1, 2.5f)).Run1().Floats);
    }

    [Fact]
    public void Inverse_trig_and_hyperbolic()
    {
        T.Close(new OpCase("Atan").In(T.F(1)).Run1(), Math.PI / 4);
        T.Close(new OpCase("Acos").In(T.F(-1, 2)).Run1(), Math.PI, double.NaN);
        T.Close(new OpCase("Sinh").In(T.F(1)).Run1(), (Math.E - 1 / Math.E) / 2);
        T.Close(new OpCase("Atanh").In(T.F(0.5f)).Run1(), 0.5 * Math.Log(3));
    }
}

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

public class IntegerDenseAndCastLikeTests
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

public class OpsetShapeRuleTests
{
    [Fact]
    public void Max_before_opset_8_does_not_broadcast()
    {
        Assert.Throws<EdgeToolkitException>(() => new OpCase("Max", 6).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(1, 2)).Infer());
        Assert.Equal(new float[] { 3, 2 }, new OpCase("Max", 6).In(T.F(1, 2)).In(T.F(3, 0)).Run1().Floats);
        Assert.Equal(new float[] { 2, 3, 3, 4 }, new OpCase("Max", 8).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(2, 3)).Run1().Floats);
    }

    [Fact]
    public void Add_before_opset_7_without_broadcast_needs_equal_shapes()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Add", 6).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(1, 2)).Infer());
        Assert.Equal("node_Add", e.NodeName);
        Assert.Equal(new float[] { 4, 6 }, new OpCase("Add", 6).In(T.F(1, 2)).In(T.F(3, 4)).Run1().Floats);
    }
}

public class TopKTests
{
    [Fact]
    public void TopK_largest_along_last_axis_with_ties_by_lower_index()
    {
        var r = new OpCase("TopK", 11, outputs: 2).In(T.F(T.S(2, 4), 1, 3, 3, 2, 9, 8, 7, 6)).Const(T.L(2)).Run();
        Assert.Equal(new[] { 2, 2 }, r[0].Shape);
        Assert.Equal(new float[] { 3, 3, 9, 8 }, r[0].Floats);
        Assert.Equal(new long[] { 1, 2, 0, 1 }, r[1].Int64s);
    }

    [Fact]
    public void TopK_smallest_along_axis_0()
    {
        var r = new OpCase("TopK", 11, outputs: 2).Attr("axis", 0L).Attr("largest", 0L).In(T.F(T.S(3, 2), 5, 1, 2, 4, 3, 0)).Const(T.L(1)).Run();
        Assert.Equal(new[] { 1, 2 }, r[0].Shape);
        Assert.Equal(new float[] { 2, 0 }, r[0].Floats);
        Assert.Equal(new long[] { 1, 2 }, r[1].Int64s);
    }

    [Fact]
    public void TopK_k_attribute_before_opset_10_and_symbolic_shape()
    {
        var r = new OpCase("TopK", 9, outputs: 2).Attr("k", 1L).In(T.L(T.S(1, 3), 4, 7, 5)).Run();
        Assert.Equal(new long[] { 7 }, r[0].Int64s);
        Assert.Equal(new long[] { 1 }, r[1].Int64s);
        var infos = new OpCase("TopK", 11, outputs: 2).Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(10) })).Const(T.L(3)).Infer();
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(3) }), infos[0].Shape);
        Assert.Equal(DataType.Int64, infos[1].Type);
    }
}
