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
