namespace EdgeToolkit.Graph.Tests.MathOps;

public class UnaryMathTests
{
    private static Tensor Run(string op, Tensor x, int opset = 17) => new OpCase(op, opset).In(x).Run1();

    [Fact]
    public void Exp_log_sqrt_reciprocal()
    {
        T.Close(Run("Exp", T.F(0, 1, -1)), 1, 2.718281828459045, 0.36787944117144233);
        T.Close(Run("Log", T.F(1, 2.718281828459045f, 0)), 0, 1, double.NegativeInfinity);
        T.Close(Run("Sqrt", T.F(4, 2, -1)), 2, 1.4142135623730951, double.NaN);
        T.Close(Run("Reciprocal", T.F(4, -0.5f)), 0.25, -2);
    }

    [Fact]
    public void Erf_matches_tabulated_values()
    {
        // Abramowitz & Stegun table 7.1 values.
        T.Close(Run("Erf", T.F(0, 0.5f, 1, 2, -3, 10)), 0, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, -0.9999779095030014, 1);
        T.Close(Run("Erf", T.F(1e-4f)), 1.1283791670578999e-4);
    }

    [Fact]
    public void Floor_ceil_round_half_to_even()
    {
        Assert.Equal(new float[] { -2, 1, 2 }, Run("Floor", T.F(-1.5f, 1.5f, 2)).Floats);
        Assert.Equal(new float[] { -1, 2, 2 }, Run("Ceil", T.F(-1.5f, 1.5f, 2)).Floats);
        Assert.Equal(new float[] { 0, 2, 2, -0f, -2, 3 }, Run("Round", T.F(0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.6f)).Floats);
    }

    [Fact]
    public void Neg_abs_sign_on_floats_and_ints()
    {
        Assert.Equal(new float[] { -1, 2, -0f }, Run("Neg", T.F(1, -2, 0)).Floats);
        Assert.Equal(new long[] { -3, 4 }, Run("Neg", T.L(3, -4)).Int64s);
        Assert.Equal(new float[] { 1.5f, 2 }, Run("Abs", T.F(-1.5f, 2)).Floats);
        Assert.Equal(new[] { 3, 4 }, Run("Abs", T.I(-3, 4)).Int32s);
        T.Close(Run("Sign", T.F(-2, 0, 3, float.NaN)), -1, 0, 1, double.NaN);
        Assert.Equal(new long[] { -1, 0, 1 }, Run("Sign", T.L(-5, 0, 7)).Int64s);
    }

    [Fact]
    public void Float_only_ops_reject_integers()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Exp").In(T.L(1)).Infer());
        Assert.Equal("node_Exp", e.NodeName);
    }

    [Fact]
    public void Float16_input_is_reported_unsupported()
    {
        var h = new Tensor(DataType.Float16, new[] { 1 }, new[] { (Half)1 });
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Sqrt").In(h).Infer());
        Assert.Contains("float16", e.Message);
        Assert.True(e.Unsupported);
        Assert.Equal("node_Sqrt", e.NodeName);
    }

    [Fact]
    public void Sin_cos()
    {
        T.Close(Run("Sin", T.F(0, (float)(Math.PI / 2))), 0, 1);
        T.Close(Run("Cos", T.F(0)), 1);
    }
}
