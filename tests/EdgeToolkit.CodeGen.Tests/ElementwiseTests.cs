using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>Broadcasting binaries, comparisons, Where and unary math against the reference evaluator.</summary>
public class ElementwiseTests
{
    public static TheoryData<string, int[], int[]> BinaryCases()
    {
        var d = new TheoryData<string, int[], int[]>();
        foreach (var op in new[] { "Add", "Sub", "Mul", "Div", "Max", "Min" })
        {
            d.Add(op, new[] { 2, 3, 4 }, new[] { 2, 3, 4 });
            d.Add(op, new[] { 1, 4, 5, 5 }, new[] { 4, 1, 1 });
            d.Add(op, new[] { 3, 1, 5 }, new[] { 1, 4, 1 });
            d.Add(op, new[] { 1 }, new[] { 2, 6 });
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Broadcasting_binary_matches_reference(string op, int[] aShape, int[] bShape)
    {
        var b = new GraphBuilder("binary");
        var a = b.Input("a", DataType.Float32, aShape.Select(x => (long)x).ToArray());
        var c = b.Input("b", DataType.Float32, bShape.Select(x => (long)x).ToArray());
        b.Output(b.OpNamed("op", op, new[] { a, c }));
        var inputs = ModelCheck.RandomInputs(b.Graph, 1, 3f);
        if (op == "Div") inputs["b"] = Tensor.FromFloats(bShape, inputs["b"].Floats.Select(v => v + MathF.CopySign(0.5f, v)).ToArray());
        ModelCheck.AssertMatchesReference(b.Graph, inputs);
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Mul")]
    [InlineData("Pow")]
    [InlineData("Sub")]
    public void Scalar_constant_operand_becomes_a_literal(string op)
    {
        var b = new GraphBuilder("scalar");
        var a = b.Input("a", DataType.Float32, 3, 5);
        b.Output(b.OpNamed("op", op, new[] { a, b.Constant("k", Tensor.Scalar(op == "Pow" ? 2f : 0.75f)) }));
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 2, 2f));
        Assert.DoesNotContain("scalar_k", model.Files["model_weights.c"]);
    }

    [Theory]
    [InlineData(0.37f)]
    [InlineData(3f)]
    [InlineData(0.5f)]
    public void Pow_matches_reference(float exponent)
    {
        var b = new GraphBuilder("pow");
        var a = b.Input("a", DataType.Float32, 4, 6);
        b.Output(b.OpNamed("op", "Pow", new[] { a, b.Constant("e", Tensor.Vector(exponent)) }));
        var inputs = new Dictionary<string, Tensor> { ["a"] = Tensor.FromFloats(new[] { 4, 6 }, ModelCheck.Random(new[] { 4, 6 }, 3, 4f).Floats.Select(MathF.Abs).ToArray()) };
        ModelCheck.AssertMatchesReference(b.Graph, inputs, tol: 1e-5);
    }

    [Fact]
    public void Int64_arithmetic_is_exact()
    {
        var b = new GraphBuilder("ints");
        var a = b.Input("a", DataType.Int64, 2, 3);
        var c = b.Input("b", DataType.Int64, 3);
        var s = b.OpNamed("add", "Add", new[] { a, c });
        b.Output(b.OpNamed("mul", "Mul", new[] { s, b.Constant("k", Tensor.Scalar(3L)) }), DataType.Int64);
        var inputs = new Dictionary<string, Tensor>
        {
            ["a"] = Tensor.FromInt64s(new[] { 2, 3 }, new[] { 1L, -2, 3_000_000_000, 4, 5, -6 }),
            ["b"] = Tensor.FromInt64s(new[] { 3 }, new[] { 10L, 20, -30 }),
        };
        var model = CCodeGenerator.Generate(b.Graph, new CodeGenOptions());
        var y = HostC.Run(model, inputs)["mul_out"];
        Assert.Equal(new[] { 33L, 54, 8_999_999_910, 42, 75, -108 }, y.Int64s);
    }

    [Fact]
    public void Comparison_and_where_match_reference()
    {
        var b = new GraphBuilder("where");
        var a = b.Input("a", DataType.Float32, 3, 4);
        var c = b.Input("b", DataType.Float32, 4);
        var less = b.OpNamed("less", "Less", new[] { a, c });
        b.Output(b.OpNamed("where", "Where", new[] { less, a, b.Constant("zero", Tensor.Scalar(0f)) }));
        b.Output(less, DataType.Bool);
        var inputs = ModelCheck.RandomInputs(b.Graph, 4);
        var g = b.Graph;
        Graph.Ops.ShapeInference.Run(g);
        var expected = Graph.Evaluation.Evaluator.Run(g, inputs);
        var actual = HostC.Run(CCodeGenerator.Generate(g, new CodeGenOptions()), inputs);
        ModelCheck.AssertClose(expected["where_out"], actual["where_out"], 0);
        Assert.Equal(expected["less_out"].Bools, actual["less_out"].Bools);
    }

    /// <summary>
    /// Conditions constant along the innermost loop (a KV cache's row mask [T, 1], a mask over leading axes, a single
    /// flag) take the hoisted form that copies whole rows; a per-element condition keeps the per-element select.
    /// </summary>
    [Theory]
    [InlineData(new[] { 6, 1 }, new[] { 1, 5 }, new[] { 6, 5 })]
    [InlineData(new[] { 1, 6, 1 }, new[] { 3, 1, 5 }, new[] { 3, 6, 5 })]
    [InlineData(new[] { 3, 1, 1 }, new[] { 1, 6, 5 }, new[] { 3, 6, 5 })]
    [InlineData(new[] { 1 }, new[] { 6, 5 }, new[] { 1, 5 })]
    [InlineData(new[] { 6, 5 }, new[] { 6, 5 }, new[] { 5 })]
    [InlineData(new[] { 6, 5 }, new[] { 1, 5 }, new[] { 6, 1 })]
    public void Where_with_a_row_mask_matches_reference(int[] conditionShape, int[] aShape, int[] bShape)
    {
        var b = new GraphBuilder("where_rows");
        var flag = b.Input("flag", DataType.Float32, conditionShape.Select(x => (long)x).ToArray());
        var a = b.Input("a", DataType.Float32, aShape.Select(x => (long)x).ToArray());
        var c = b.Input("b", DataType.Float32, bShape.Select(x => (long)x).ToArray());
        var condition = b.OpNamed("positive", "Greater", new[] { flag, b.Constant("zero", Tensor.Scalar(0f)) });
        b.Output(b.OpNamed("where", "Where", new[] { condition, a, c }));
        var g = b.Graph;
        Graph.Ops.ShapeInference.Run(g);
        var code = CCodeGenerator.Generate(g, new CodeGenOptions());
        for (int seed = 1; seed <= 3; seed++)
        {
            var inputs = ModelCheck.RandomInputs(g, seed);
            ModelCheck.AssertClose(Graph.Evaluation.Evaluator.Run(g, inputs)["where_out"], HostC.Run(code, inputs)["where_out"], 0);
        }
    }

    [Theory]
    [InlineData("Exp", 3f)]
    [InlineData("Log", 5f)]
    [InlineData("Sqrt", 5f)]
    [InlineData("Erf", 3f)]
    [InlineData("Neg", 3f)]
    [InlineData("Abs", 3f)]
    [InlineData("Reciprocal", 3f)]
    [InlineData("Tanh", 6f)]
    [InlineData("Sigmoid", 9f)]
    public void Unary_matches_reference(string op, float range)
    {
        var b = new GraphBuilder("unary");
        var a = b.Input("a", DataType.Float32, 5, 40);
        b.Output(b.OpNamed("op", op, new[] { a }));
        var x = ModelCheck.Random(new[] { 5, 40 }, 9, range).Floats;
        if (op is "Log" or "Sqrt") x = x.Select(v => MathF.Abs(v) + 1e-3f).ToArray();
        if (op == "Reciprocal") x = x.Select(v => v + MathF.CopySign(0.1f, v)).ToArray();
        ModelCheck.AssertMatchesReference(b.Graph, new Dictionary<string, Tensor> { ["a"] = Tensor.FromFloats(new[] { 5, 40 }, x) });
    }
}
