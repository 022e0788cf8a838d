namespace EdgeToolkit.Graph.Tests.MathOps;

public class ActivationTests
{
    private static Tensor Run(string op, Tensor x, int opset = 17, Action<OpCase>? attrs = null)
    {
        var c = new OpCase(op, opset).In(x);
        attrs?.Invoke(c);
        return c.Run1();
    }

    [Fact]
    public void Relu_on_floats_and_ints()
    {
        Assert.Equal(new float[] { 0, 0, 2 }, Run("Relu", T.F(-1, 0, 2)).Floats);
        Assert.Equal(new[] { 0, 5 }, Run("Relu", T.I(-3, 5), 14).Int32s);
    }

    [Fact]
    public void LeakyRelu_default_and_given_alpha()
    {
        T.Close(Run("LeakyRelu", T.F(-2, 3)), -0.02, 3);
        T.Close(Run("LeakyRelu", T.F(-2, 3), attrs: c => c.Attr("alpha", 0.5f)), -1, 3);
    }

    [Fact]
    public void Tanh_and_sigmoid()
    {
        T.Close(Run("Tanh", T.F(0, 0.5f, -20)), 0, 0.46211715726000974, -1);
        T.Close(Run("Sigmoid", T.F(0, 2, -2, -800, 800)), 0.5, 0.8807970779778823, 0.11920292202211755, 0, 1);
    }

    [Fact]
    public void HardSigmoid_and_HardSwish()
    {
        // Defaults alpha 0.2, beta 0.5: 0.2*1+0.5 = 0.7; clipped to [0,1] beyond +-2.5.
        T.Close(Run("HardSigmoid", T.F(1, -3, 3)), 0.7, 0, 1);
        T.Close(Run("HardSigmoid", T.F(1), attrs: c => c.Attr("alpha", 0.5f).Attr("beta", 0.25f)), 0.75);
        // HardSwish: x * clip(x/6 + 0.5, 0, 1).
        T.Close(Run("HardSwish", T.F(1, -4, 4), 14), 1 * (1 / 6.0 + 0.5), 0, 4);
    }

    [Fact]
    public void Elu_selu_celu_softplus_softsign()
    {
        T.Close(Run("Elu", T.F(-1, 2)), Math.Exp(-1) - 1, 2);
        T.Close(Run("Elu", T.F(-1), attrs: c => c.Attr("alpha", 2f)), 2 * (Math.Exp(-1) - 1));
        // Selu defaults: gamma 1.0507009873554805, alpha 1.6732632423543772.
        T.Close(Run("Selu", T.F(-1, 2)), 1.0507009873554805 * 1.6732632423543772 * (Math.Exp(-1) - 1), 2 * 1.0507009873554805);
        T.Close(Run("Celu", T.F(-1, 2), 12), Math.Exp(-1) - 1, 2);
        T.Close(Run("Softplus", T.F(0, 100, -100)), Math.Log(2), 100, 3.720075976020836e-44);
        T.Close(Run("Softsign", T.F(1, -3)), 0.5, -0.75);
        // Mish(1) = tanh(ln(1 + e)) = 0.8650983882673103.
        T.Close(Run("Mish", T.F(1, 0), 18), 0.8650983882673103, 0);
        T.Close(Run("ThresholdedRelu", T.F(0.5f, 1, 2), 10), 0, 0, 2);
    }

    [Fact]
    public void Gelu_exact_and_tanh_approximation()
    {
        // Exact Gelu(x) = x * Phi(x): Phi(1) = 0.8413447460685429, Phi(-1) = 0.15865525393145707.
        T.Close(Run("Gelu", T.F(1, -1, 0), 20), 0.8413447460685429, -0.15865525393145707, 0);
        // 0.5 * (1 + tanh(sqrt(2/pi) * (1 + 0.044715))) = 0.8411919906082768.
        T.Close(Run("Gelu", T.F(1), 20, c => c.Attr("approximate", "tanh")), 0.8411919906082768);
        Assert.Throws<EdgeToolkitException>(() => new OpCase("Gelu", 20).Attr("approximate", "fast").In(T.F(1)).Infer());
    }

    [Fact]
    public void Clip_with_attributes_before_opset_11()
    {
        T.Close(Run("Clip", T.F(-2, 0.5f, 3), 6, c => c.Attr("min", -1f).Attr("max", 1f)), -1, 0.5, 1);
        // Without attributes the float range applies: nothing changes.
        T.Close(Run("Clip", T.F(-1e30f, 1e30f), 6), -1e30, 1e30);
    }

    [Fact]
    public void Clip_with_optional_inputs_from_opset_11()
    {
        T.Close(new OpCase("Clip", 13).In(T.F(-2, 0.5f, 3)).Const(Tensor.Scalar(0f)).Const(Tensor.Scalar(1f)).Run1(), 0, 0.5, 1);
        T.Close(new OpCase("Clip", 13).In(T.F(-2, 0.5f, 3)).Missing().Const(Tensor.Scalar(1f)).Run1(), -2, 0.5, 1);
        T.Close(new OpCase("Clip", 13).In(T.F(-2, 0.5f, 3)).Const(Tensor.Scalar(0f)).Run1(), 0, 0.5, 3);
        // min > max: everything becomes max.
        T.Close(new OpCase("Clip", 13).In(T.F(-2, 0.5f, 3)).Const(Tensor.Scalar(2f)).Const(Tensor.Scalar(1f)).Run1(), 1, 1, 1);
    }

    [Fact]
    public void Clip_on_int32_from_opset_12()
    {
        var y = new OpCase("Clip", 13).In(T.I(-5, 3, 9)).Const(Tensor.FromInt32s(Array.Empty<int>(), new[] { 0 })).Const(Tensor.FromInt32s(Array.Empty<int>(), new[] { 6 })).Run1();
        Assert.Equal(new[] { 0, 3, 6 }, y.Int32s);
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Clip", 11).In(T.I(1)).Infer());
        Assert.True(e.Unsupported);
    }

    [Fact]
    public void Softmax_along_last_axis_from_opset_13()
    {
        // Rows [0, ln 3] and [ln 2, 0]: exp gives [1, 3] and [2, 1].
        var x = T.F(T.S(1, 2, 2), 0, (float)Math.Log(3), (float)Math.Log(2), 0);
        T.Close(new OpCase("Softmax", 13).In(x).Run1(), 0.25, 0.75, 2 / 3.0, 1 / 3.0);
        T.Close(new OpCase("LogSoftmax", 13).In(x).Run1(), Math.Log(0.25), Math.Log(0.75), Math.Log(2 / 3.0), Math.Log(1 / 3.0));
    }

    [Fact]
    public void Softmax_before_opset_13_coerces_to_2d_at_axis_1()
    {
        // Flattened to [1, 4]: exp = [1, 3, 2, 1], sum 7.
        var x = T.F(T.S(1, 2, 2), 0, (float)Math.Log(3), (float)Math.Log(2), 0);
        T.Close(new OpCase("Softmax", 11).In(x).Run1(), 1 / 7.0, 3 / 7.0, 2 / 7.0, 1 / 7.0);
        T.Close(new OpCase("LogSoftmax", 11).In(x).Run1(), Math.Log(1 / 7.0), Math.Log(3 / 7.0), Math.Log(2 / 7.0), Math.Log(1 / 7.0));
    }

    [Fact]
    public void Softmax_along_a_middle_axis()
    {
        // axis 1 of [1, 2, 2]: pairs (x[0,0,j], x[0,1,j]) = (0, ln2) and (ln3, 0).
        var x = T.F(T.S(1, 2, 2), 0, (float)Math.Log(3), (float)Math.Log(2), 0);
        T.Close(new OpCase("Softmax", 13).Attr("axis", 1L).In(x).Run1(), 1 / 3.0, 0.75, 2 / 3.0, 0.25);
    }

    [Fact]
    public void Softmax_is_stable_for_large_inputs()
    {
        T.Close(new OpCase("Softmax", 13).In(T.F(1000, 1000)).Run1(), 0.5, 0.5);
    }

    [Fact]
    public void Hardmax_marks_the_first_maximum()
    {
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 0 }, new OpCase("Hardmax", 13).In(T.F(T.S(2, 3), 1, 3, 2, 5, 5, 1)).Run1().Floats);
    }
}
