namespace EdgeToolkit.Graph.Tests.TensorOps;

public class BatchNormalizationTests
{
    private static OpRunner Bn(int opset, Tensor x, float[] scale, float[] bias, float[] mean, float[] variance, int[]? statShape = null)
    {
        var s = statShape ?? new[] { scale.Length };
        return new OpRunner("BatchNormalization", opset).In(x).Const(Make.F(s, scale)).Const(Make.F(s, bias))
            .Const(Make.F(s, mean)).Const(Make.F(s, variance));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(15)]
    public void Normalizes_per_channel(int opset)
    {
        // channel 0: (x - 1) / sqrt(4 + eps) * 2 + 0.5; channel 1: (x - 0) / sqrt(0.25 + eps) * 1 - 1
        var x = Make.F(Make.S(1, 2, 2), 1, 3, 0.5f, -1);
        var y = Bn(opset, x, new float[] { 2, 1 }, new[] { 0.5f, -1 }, new float[] { 1, 0 }, new[] { 4f, 0.25f }).Attr("epsilon", 0f).Run1();
        Make.Close(new[] { 0.5f, 2.5f, 0f, -3f }, y);
    }

    [Fact]
    public void Default_epsilon_is_1e_minus_5()
    {
        var y = Bn(15, Make.F(Make.S(1, 1, 1), 1), new float[] { 1 }, new float[] { 0 }, new float[] { 0 }, new float[] { 0 }).Run1();
        Make.Close(new[] { (float)(1 / System.Math.Sqrt(1e-5)) }, y, 1e-4);
    }

    [Fact]
    public void Spatial_0_in_opset_7_uses_per_element_statistics()
    {
        var x = Make.F(Make.S(1, 1, 2), 4, 4);
        var y = Bn(7, x, new float[] { 1, 2 }, new float[] { 0, 0 }, new float[] { 0, 2 }, new float[] { 1, 1 }, new[] { 1, 2 })
            .Attr("spatial", 0L).Attr("epsilon", 0f).Run1();
        Make.Close(new[] { 4f, 4f }, y);
    }

    [Fact]
    public void Training_mode_is_refused()
    {
        var op = Bn(15, Make.F(Make.S(1, 1), 1), new float[] { 1 }, new float[] { 0 }, new float[] { 0 }, new float[] { 1 }).Attr("training_mode", 1L);
        Assert.Contains("training_mode", op.Refusal());
    }

    [Fact]
    public void Keeps_a_symbolic_shape()
    {
        var op = new OpRunner("BatchNormalization").Sym(DataType.Float32, Dim.Sym("n"), 2, 5);
        foreach (var _ in Enumerable.Range(0, 4)) op.Const(Make.F(Make.S(2), 1, 1));
        Assert.Equal(Make.Shape(Dim.Sym("n"), 2, 5), op.InferShape());
    }
}
