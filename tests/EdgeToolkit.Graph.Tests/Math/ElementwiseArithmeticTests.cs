namespace EdgeToolkit.Graph.Tests.MathOps;

public class ElementwiseArithmeticTests
{
    [Fact]
    public void Add_broadcasts_a_row_over_a_matrix()
    {
        var y = new OpCase("Add").In(T.F(T.S(2, 3), 1, 2, 3, 4, 5, 6)).In(T.F(10, 20, 30)).Run1();
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new float[] { 11, 22, 33, 14, 25, 36 }, y.Floats);
    }

    [Fact]
    public void Sub_broadcasts_column_against_row_both_ways()
    {
        var y = new OpCase("Sub").In(T.F(T.S(2, 1), 10, 20)).In(T.F(T.S(1, 3), 1, 2, 3)).Run1();
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new float[] { 9, 8, 7, 19, 18, 17 }, y.Floats);
    }

    [Fact]
    public void Mul_of_scalar_and_tensor()
    {
        var y = new OpCase("Mul").In(Tensor.Scalar(2f)).In(T.F(T.S(2, 2), 1, -2, 3, 0.5f)).Run1();
        Assert.Equal(new float[] { 2, -4, 6, 1 }, y.Floats);
    }

    [Fact]
    public void Integer_div_truncates_toward_zero()
    {
        var y = new OpCase("Div").In(T.L(7, -7, 7, -7, 1)).In(T.L(2, 2, -2, -2, 3)).Run1();
        Assert.Equal(DataType.Int64, y.Type);
        Assert.Equal(new long[] { 3, -3, -3, 3, 0 }, y.Int64s);
    }

    [Fact]
    public void Float_div_by_zero_is_ieee()
    {
        var y = new OpCase("Div").In(T.F(1, -1, 0)).In(T.F(0, 0, 0)).Run1();
        Assert.Equal(float.PositiveInfinity, y.Floats[0]);
        Assert.Equal(float.NegativeInfinity, y.Floats[1]);
        Assert.True(float.IsNaN(y.Floats[2]));
    }

    [Fact]
    public void Integer_div_by_zero_is_an_error_naming_the_node()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Div").In(T.L(1)).In(T.L(0)).Run());
        Assert.Equal("node_Div", e.NodeName);
    }

    [Fact]
    public void Int32_arithmetic_wraps_like_c()
    {
        var y = new OpCase("Add").In(T.I(int.MaxValue, 5)).In(T.I(1, -7)).Run1();
        Assert.Equal(DataType.Int32, y.Type);
        Assert.Equal(new[] { int.MinValue, -2 }, y.Int32s);
    }

    [Fact]
    public void Int64_shape_arithmetic()
    {
        // A typical shape computation: shape * [1, 2] - 1.
        var y = new OpCase("Sub").In(new OpCase("Mul").In(T.L(3, 4)).In(T.L(1, 2)).Run1()).In(Tensor.Scalar(1L)).Run1();
        Assert.Equal(new long[] { 2, 7 }, y.Int64s);
    }

    [Fact]
    public void Pow_float_and_mixed_exponent_types()
    {
        T.Close(new OpCase("Pow").In(T.F(2, 9, 4)).In(T.F(3, 0.5f, -1)).Run1(), 8, 3, 0.25);
        // Opset 12+: a float base with an int64 exponent keeps the base's type.
        var y = new OpCase("Pow", 13).In(T.F(2, 3)).In(T.L(2, 3)).Run1();
        Assert.Equal(DataType.Float32, y.Type);
        Assert.Equal(new float[] { 4, 27 }, y.Floats);
    }

    [Fact]
    public void Pow_of_integers_is_exact()
    {
        var y = new OpCase("Pow", 15).In(T.L(2, 3, 10, 2)).In(T.L(10, 2, 15, -1)).Run1();
        Assert.Equal(new long[] { 1024, 9, 1_000_000_000_000_000, 0 }, y.Int64s);
    }

    [Fact]
    public void Mod_integer_takes_the_divisor_sign()
    {
        var y = new OpCase("Mod", 13).In(T.L(-4, 7, 5, 6)).In(T.L(3, -3, -2, 3)).Run1();
        Assert.Equal(new long[] { 2, -2, -1, 0 }, y.Int64s);
    }

    [Fact]
    public void Mod_fmod_takes_the_dividend_sign()
    {
        T.Close(new OpCase("Mod", 13).Attr("fmod", 1L).In(T.F(-4.5f, 7, 5)).In(T.F(3, -3, 2)).Run1(), -1.5, 1, 1);
        var i = new OpCase("Mod", 13).Attr("fmod", 1L).In(T.L(-4, 7)).In(T.L(3, -3)).Run1();
        Assert.Equal(new long[] { -1, 1 }, i.Int64s);
    }

    [Fact]
    public void Mod_of_floats_without_fmod_is_unsupported()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Mod", 13).In(T.F(1)).In(T.F(2)).Infer());
        Assert.Contains("fmod", e.Message);
    }

    [Fact]
    public void Max_and_min_are_variadic_with_broadcasting()
    {
        var max = new OpCase("Max", 13).In(T.F(T.S(2, 2), 1, 5, 3, 0)).In(T.F(2, 2)).In(Tensor.Scalar(4f)).Run1();
        Assert.Equal(new float[] { 4, 5, 4, 4 }, max.Floats);
        var min = new OpCase("Min", 13).In(T.L(3, -1, 7)).In(T.L(2, 0, 9)).Run1();
        Assert.Equal(new long[] { 2, -1, 7 }, min.Int64s);
        var one = new OpCase("Max", 13).In(T.F(1, 2)).Run1();
        Assert.Equal(new float[] { 1, 2 }, one.Floats);
    }

    [Fact]
    public void Max_propagates_nan()
    {
        var y = new OpCase("Max", 13).In(T.F(float.NaN, 1)).In(T.F(1, float.NaN)).Run1();
        Assert.True(float.IsNaN(y.Floats[0]) && float.IsNaN(y.Floats[1]));
    }

    [Fact]
    public void Sum_and_mean_of_three()
    {
        Assert.Equal(new float[] { 6, 12 }, new OpCase("Sum").In(T.F(1, 2)).In(T.F(2, 4)).In(T.F(3, 6)).Run1().Floats);
        Assert.Equal(new float[] { 2, 4 }, new OpCase("Mean").In(T.F(1, 2)).In(T.F(2, 4)).In(T.F(3, 6)).Run1().Floats);
    }

    [Fact]
    public void Incompatible_shapes_fail_in_inference_naming_the_node()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Add").In(T.F(1, 2, 3)).In(T.F(1, 2)).Infer());
        Assert.Equal("node_Add", e.NodeName);
    }

    [Fact]
    public void Float64_inputs_are_reported_unsupported_with_the_node_name()
    {
        var d = new Tensor(DataType.Float64, new[] { 1 }, new[] { 1.0 });
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Add").In(d).In(d).Infer());
        Assert.Equal("node_Add", e.NodeName);
        Assert.Contains("double", e.Message);
        Assert.True(e.Unsupported);
    }

    [Fact]
    public void Mixed_input_types_are_rejected()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Add").In(T.F(1)).In(T.L(1)).Infer());
        Assert.Contains("int64", e.Message);
    }

    [Fact]
    public void Legacy_broadcast_before_opset_7_aligns_b_at_axis()
    {
        // Opset 6, broadcast=1, axis=0: B [2] lines up with A's first dim, as if it were [2,1].
        var y = new OpCase("Add", 6).Attr("broadcast", 1L).Attr("axis", 0L).In(T.F(T.S(2, 3), 1, 2, 3, 4, 5, 6)).In(T.F(10, 20)).Run1();
        Assert.Equal(new float[] { 11, 12, 13, 24, 25, 26 }, y.Floats);
        // Without an axis the legacy rule is suffix matching, the same as numpy's.
        var z = new OpCase("Mul", 6).Attr("broadcast", 1L).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(10, 20)).Run1();
        Assert.Equal(new float[] { 10, 40, 30, 80 }, z.Floats);
        var c = new OpCase("Greater", 6).Attr("broadcast", 1L).Attr("axis", 0L).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(1.5f, 3.5f)).Run1();
        Assert.Equal(new[] { false, true, false, true }, c.Bools);
    }

    [Fact]
    public void Symbolic_dims_broadcast()
    {
        var batch = Dim.Sym("batch");
        var a = new OpCase("Add").Sym(DataType.Float32, new SymShape(new[] { batch, Dim.Of(4) })).Sym(DataType.Float32, SymShape.Of(4)).Infer()[0];
        Assert.Equal(new SymShape(new[] { batch, Dim.Of(4) }), a.Shape);
        var b = new OpCase("Mul").Sym(DataType.Float32, new SymShape(new[] { batch, Dim.Of(1) })).Sym(DataType.Float32, SymShape.Of(1, 5)).Infer()[0];
        Assert.Equal(new SymShape(new[] { batch, Dim.Of(5) }), b.Shape);
        var c = new OpCase("Add").Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("n") })).Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("m") })).Infer()[0];
        Assert.False(c.Shape[0].IsKnown);
        var d = new OpCase("Add").Sym(DataType.Float32, SymShape.UnknownRank).Sym(DataType.Float32, SymShape.Of(3)).Infer()[0];
        Assert.False(d.Shape.HasRank);
    }
}
