namespace EdgeToolkit.Graph.Tests.MathOps;

public class DenseTests
{
    // A = [[1,2,3],[4,5,6]], B = [[1,0],[0,1],[1,1]]: A*B = [[4,5],[10,11]].
    private static Tensor A => T.F(T.S(2, 3), 1, 2, 3, 4, 5, 6);
    private static Tensor B => T.F(T.S(3, 2), 1, 0, 0, 1, 1, 1);

    [Fact]
    public void Gemm_defaults_with_row_bias()
    {
        var y = new OpCase("Gemm", 13).In(A).In(B).In(T.F(100, 200)).Run1();
        Assert.Equal(new[] { 2, 2 }, y.Shape);
        Assert.Equal(new float[] { 104, 205, 110, 211 }, y.Floats);
    }

    [Fact]
    public void Gemm_transposes_alpha_beta_and_column_bias()
    {
        // A' = transpose of [[1,4],[2,5],[3,6]], B' = transpose of [[1,0,1],[0,1,1]].
        var at = T.F(T.S(3, 2), 1, 4, 2, 5, 3, 6);
        var bt = T.F(T.S(2, 3), 1, 0, 1, 0, 1, 1);
        var c = T.F(T.S(2, 1), 1, 2);
        var y = new OpCase("Gemm", 13).Attr("transA", 1L).Attr("transB", 1L).Attr("alpha", 2f).Attr("beta", 0.5f)
            .In(at).In(bt).In(c).Run1();
        Assert.Equal(new float[] { 8.5f, 10.5f, 21, 23 }, y.Floats);
    }

    [Fact]
    public void Gemm_without_c_from_opset_11_and_scalar_c()
    {
        Assert.Equal(new float[] { 4, 5, 10, 11 }, new OpCase("Gemm", 13).In(A).In(B).Run1().Floats);
        Assert.Equal(new float[] { 5, 6, 11, 12 }, new OpCase("Gemm", 13).In(A).In(B).In(Tensor.Scalar(1f)).Run1().Floats);
        Assert.Throws<EdgeToolkitException>(() => new OpCase("Gemm", 9).In(A).In(B).Infer());
    }

    [Fact]
    public void Gemm_symbolic_batch()
    {
        var y = new OpCase("Gemm", 13).Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4) }))
            .Sym(DataType.Float32, SymShape.Of(3, 4)).Sym(DataType.Float32, SymShape.Of(3)).Attr("transB", 1L).Infer()[0];
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(3) }), y.Shape);
    }

    [Fact]
    public void Gemm_inner_dim_mismatch_names_the_node()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Gemm", 13).In(A).In(A).Infer());
        Assert.Equal("node_Gemm", e.NodeName);
    }

    [Fact]
    public void MatMul_2d()
    {
        Assert.Equal(new float[] { 4, 5, 10, 11 }, new OpCase("MatMul").In(A).In(B).Run1().Floats);
    }

    [Fact]
    public void MatMul_vector_operands_drop_their_added_dim()
    {
        // [1,1,1] x B = column sums [2, 2]; A x [1,1,1] = row sums [6, 15]; dot product is a scalar.
        var v = new OpCase("MatMul").In(T.F(1, 1, 1)).In(B).Run1();
        Assert.Equal(new[] { 2 }, v.Shape);
        Assert.Equal(new float[] { 2, 2 }, v.Floats);
        var w = new OpCase("MatMul").In(A).In(T.F(1, 1, 1)).Run1();
        Assert.Equal(new[] { 2 }, w.Shape);
        Assert.Equal(new float[] { 6, 15 }, w.Floats);
        var s = new OpCase("MatMul").In(T.F(1, 2, 3)).In(T.F(4, 5, 6)).Run1();
        Assert.Empty(s.Shape);
        Assert.Equal(32f, s.Floats[0]);
    }

    [Fact]
    public void MatMul_batched_with_broadcast_batch_dims()
    {
        // [2,1,2,2] x [3,2,1]: batch dims [2,1] and [3] broadcast to [2,3].
        var a = T.F(T.S(2, 1, 2, 2), 1, 0, 0, 1, 2, 0, 0, 2); // identity, 2 * identity
        var b = T.F(T.S(3, 2, 1), 1, 2, 3, 4, 5, 6);
        var y = new OpCase("MatMul").In(a).In(b).Run1();
        Assert.Equal(new[] { 2, 3, 2, 1 }, y.Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12 }, y.Floats);
    }

    [Fact]
    public void MatMul_on_int64()
    {
        var y = new OpCase("MatMul").In(T.L(T.S(1, 2), 3, 4)).In(T.L(T.S(2, 1), 10, 100)).Run1();
        Assert.Equal(new long[] { 430 }, y.Int64s);
    }

    [Fact]
    public void MatMul_symbolic_batch()
    {
        var y = new OpCase("MatMul").Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4) }))
            .Sym(DataType.Float32, SymShape.Of(4, 3)).Infer()[0];
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(3) }), y.Shape);
        var z = new OpCase("MatMul").Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("b"), Dim.Sym("t"), Dim.Of(8) }))
            .Sym(DataType.Float32, SymShape.Of(8)).Infer()[0];
        Assert.Equal(new SymShape(new[] { Dim.Sym("b"), Dim.Sym("t") }), z.Shape);
    }

    [Fact]
    public void MatMul_inner_mismatch_fails_in_inference()
    {
        Assert.Throws<EdgeToolkitException>(() => new OpCase("MatMul").In(A).In(A).Infer());
    }

    [Fact]
    public void LayerNormalization_over_last_axis_with_scale_bias_and_stats()
    {
        // Row [1,2,3]: mean 2, variance 2/3. Row [2,4,6]: mean 4, variance 8/3.
        var x = T.F(T.S(2, 3), 1, 2, 3, 2, 4, 6);
        var r = new OpCase("LayerNormalization", 17, outputs: 3).In(x).In(T.F(1, 2, 0.5f)).In(T.F(0, 1, 0)).Run();
        double i1 = 1 / Math.Sqrt(2 / 3.0 + 1e-5), i2 = 1 / Math.Sqrt(8 / 3.0 + 1e-5);
        T.Close(r[0], -i1, 1, 0.5 * i1, -2 * i2, 1, 0.5 * 2 * i2);
        Assert.Equal(new[] { 2, 1 }, r[1].Shape);
        T.Close(r[1], 2, 4);
        T.Close(r[2], i1, i2);
    }

    [Fact]
    public void LayerNormalization_over_two_axes_without_bias()
    {
        // axis 1 of [1,2,2]: all four values [0,2,4,6] together: mean 3, variance 5.
        var x = T.F(T.S(1, 2, 2), 0, 2, 4, 6);
        var y = new OpCase("LayerNormalization", 17).Attr("axis", 1L).Attr("epsilon", 0f).In(x).In(Tensor.Scalar(1f)).Run1();
        double s = Math.Sqrt(5);
        T.Close(y, -3 / s, -1 / s, 1 / s, 3 / s);
    }

    [Fact]
    public void LayerNormalization_stats_shape_is_symbolic_aware()
    {
        var infos = new OpCase("LayerNormalization", 17, outputs: 3)
            .Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(5), Dim.Of(8) })).Sym(DataType.Float32, SymShape.Of(8)).Infer();
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(5), Dim.Of(8) }), infos[0].Shape);
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(5), Dim.Of(1) }), infos[1].Shape);
    }
}
