namespace EdgeToolkit.Graph.Tests.MathOps;

public class EinsumTests
{
    private static Tensor Run(string equation, params Tensor[] inputs)
    {
        var c = new OpCase("Einsum", 12).Attr("equation", equation);
        foreach (var t in inputs) c.In(t);
        return c.Run1();
    }

    // A = [[1,2,3],[4,5,6]], B = [[1,0],[0,1],[1,1]]: A*B = [[4,5],[10,11]].
    private static Tensor A => T.F(T.S(2, 3), 1, 2, 3, 4, 5, 6);
    private static Tensor B => T.F(T.S(3, 2), 1, 0, 0, 1, 1, 1);

    [Fact]
    public void Matrix_product_explicit_and_implicit()
    {
        Assert.Equal(new float[] { 4, 5, 10, 11 }, Run("ij,jk->ik", A, B).Floats);
        Assert.Equal(new float[] { 4, 5, 10, 11 }, Run("ij, jk", A, B).Floats);
        // Implicit output is in label order: "ba" gives [a, b] = the transpose here.
        var t = Run("ba", A);
        Assert.Equal(new[] { 3, 2 }, t.Shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, t.Floats);
    }

    [Fact]
    public void Transpose_row_sums_total_and_inner_product()
    {
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, Run("ij->ji", A).Floats);
        Assert.Equal(new float[] { 6, 15 }, Run("ij->i", A).Floats);
        var total = Run("ij->", A);
        Assert.Empty(total.Shape);
        Assert.Equal(21f, total.Floats[0]);
        Assert.Equal(32f, Run("i,i", T.F(1, 2, 3), T.F(4, 5, 6)).Floats[0]);
    }

    [Fact]
    public void Repeated_label_takes_the_diagonal()
    {
        var m = T.F(T.S(2, 2), 1, 2, 3, 4);
        Assert.Equal(new float[] { 1, 4 }, Run("ii->i", m).Floats);
        Assert.Equal(5f, Run("ii", m).Floats[0]);
    }

    [Fact]
    public void Ellipsis_batches_broadcast()
    {
        // Batch [2] of identity and 2*identity, times one shared [2,1] column.
        var a = T.F(T.S(2, 2, 2), 1, 0, 0, 1, 2, 0, 0, 2);
        var b = T.F(T.S(2, 1), 3, 4);
        var y = Run("...ij,jk->...ik", a, b);
        Assert.Equal(new[] { 2, 2, 1 }, y.Shape);
        Assert.Equal(new float[] { 3, 4, 6, 8 }, y.Floats);
    }

    [Fact]
    public void Int64_and_symbolic_batch()
    {
        Assert.Equal(new long[] { 11 }, Run("i,i->", T.L(1, 2), T.L(3, 4)).Int64s);
        var info = new OpCase("Einsum", 12).Attr("equation", "bij,bjk->bik")
            .Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("b"), Dim.Of(2), Dim.Of(3) }))
            .Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("b"), Dim.Of(3), Dim.Of(5) })).Infer()[0];
        Assert.Equal(new SymShape(new[] { Dim.Sym("b"), Dim.Of(2), Dim.Of(5) }), info.Shape);
    }

    [Fact]
    public void Bad_equations_are_reported_with_the_node()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Einsum", 12).Attr("equation", "ij->k").In(A).Infer());
        Assert.Equal("node_Einsum", e.NodeName);
        Assert.Throws<EdgeToolkitException>(() => new OpCase("Einsum", 12).Attr("equation", "ijk->i").In(A).Infer());
    }
}
