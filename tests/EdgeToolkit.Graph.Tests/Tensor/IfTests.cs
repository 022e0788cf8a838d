using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Tests.TensorOps;

public class IfTests
{
    /// <summary>A branch that reads the outer value "x" and applies one node to it.</summary>
    private static ModelGraph Branch(string opType, DataType type, SymShape declared, params NodeAttribute[] attrs)
    {
        var g = new ModelGraph { Name = opType };
        g.OuterScope.Add("x");
        var n = new Node(opType + "_in_branch", opType, new[] { "x" }, new[] { opType + "_out" });
        foreach (var a in attrs) n.With(a);
        g.Nodes.Add(n);
        g.Outputs.Add(new ValueInfo(opType + "_out", type, declared));
        return g;
    }

    private static ModelGraph Outer(ModelGraph then, ModelGraph otherwise)
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("cond", DataType.Bool, SymShape.Scalar));
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 3)));
        g.Nodes.Add(new Node("if", "If", new[] { "cond" }, new[] { "y" })
            .With(NodeAttribute.Of("then_branch", then)).With(NodeAttribute.Of("else_branch", otherwise)));
        g.Outputs.Add(new ValueInfo("y", DataType.Undefined, SymShape.UnknownRank));
        return g;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Runs_the_branch_the_condition_selects(bool cond)
    {
        var g = Outer(Branch("Identity", DataType.Float32, SymShape.Of(2, 3)),
            Branch("Transpose", DataType.Float32, SymShape.Of(3, 2)));
        ShapeInference.Run(g);
        var x = Make.Iota(2, 3);
        var y = Evaluator.Run(g, new Dictionary<string, Tensor>
        {
            ["cond"] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { cond }),
            ["x"] = x,
        })["y"];
        Assert.Equal(cond ? new[] { 2, 3 } : new[] { 3, 2 }, y.Shape);
        Assert.Equal(cond ? new float[] { 0, 1, 2, 3, 4, 5 } : new float[] { 0, 3, 1, 4, 2, 5 }, y.Floats);
    }

    [Fact]
    public void Output_shape_joins_the_branches()
    {
        var g = Outer(Branch("Identity", DataType.Float32, new SymShape(new[] { Dim.Sym("n"), Dim.Of(3) })),
            Branch("Transpose", DataType.Float32, new SymShape(new[] { Dim.Sym("n"), Dim.Of(2) })));
        ShapeInference.Run(g);
        Assert.Equal(new SymShape(new[] { Dim.Sym("n"), Dim.Unknown }), g.ValueInfos["y"].Shape);
        Assert.Equal(DataType.Float32, g.ValueInfos["y"].Type);
    }

    [Fact]
    public void Branches_of_different_types_are_refused()
    {
        var g = Outer(Branch("Identity", DataType.Float32, SymShape.Of(2, 3)), Branch("Shape", DataType.Int64, SymShape.Of(2)));
        var e = Assert.Throws<EdgeToolkitException>(() => ShapeInference.Run(g));
        Assert.Contains("else_branch", e.Message);
    }
}

public class IfConstantConditionTests
{
    [Fact]
    public void A_constant_condition_takes_the_chosen_branch_shape()
    {
        var then = new ModelGraph();
        then.OuterScope.Add("x");
        then.Nodes.Add(new Node("t", "Identity", new[] { "x" }, new[] { "t_out" }));
        then.Outputs.Add(new ValueInfo("t_out", DataType.Float32, SymShape.Of(2, 3)));
        var otherwise = new ModelGraph();
        otherwise.OuterScope.Add("x");
        otherwise.Nodes.Add(new Node("e", "Transpose", new[] { "x" }, new[] { "e_out" }));
        otherwise.Outputs.Add(new ValueInfo("e_out", DataType.Undefined, SymShape.Of(3, 2)));
        var op = new OpRunner("If").Const(new Tensor(DataType.Bool, Array.Empty<int>(), new[] { false }))
            .Attr("then_branch", then).Attr("else_branch", otherwise);
        op.Graph.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 3)));
        var info = op.Infer()[0];
        Assert.Equal(DataType.Float32, info.Type); // the else branch left it undeclared
        Assert.Equal(SymShape.Of(3, 2), info.Shape);
    }
}

public class SubgraphSupportTests
{
    [Fact]
    public void An_unsupported_op_inside_a_branch_is_refused_before_running()
    {
        var branch = new ModelGraph();
        branch.Nodes.Add(new Node("odd", "NoSuchOp", Array.Empty<string>(), new[] { "o" }));
        branch.Outputs.Add(new ValueInfo("o", DataType.Float32, SymShape.Scalar));
        var op = new OpRunner("If").Const(new Tensor(DataType.Bool, Array.Empty<int>(), new[] { true }))
            .Attr("then_branch", branch).Attr("else_branch", branch);
        Assert.Contains("NoSuchOp", op.Refusal());
    }
}
