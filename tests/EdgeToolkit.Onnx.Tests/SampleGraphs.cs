using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx.Tests;

/// <summary>Small graphs built in memory with hand-picked weights whose outputs are worked out by hand in the tests.</summary>
internal static class SampleGraphs
{
    /// <summary>y = Relu(x · W + b) with W = [[1,0],[0,-1],[2,1]], b = [0.5,-10]; x is [1,3].</summary>
    public static ModelGraph GemmRelu(int opset = 17)
    {
        var g = new ModelGraph { Name = "gemm_relu", Opset = opset };
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(1, 3)));
        g.Initializers["W"] = Tensor.FromFloats(new[] { 3, 2 }, new[] { 1f, 0f, 0f, -1f, 2f, 1f });
        g.Initializers["b"] = Tensor.Vector(0.5f, -10f);
        g.Nodes.Add(new Node("gemm", "Gemm", new[] { "x", "W", "b" }, new[] { "h" }).With(NodeAttribute.Of("alpha", 1f)));
        g.Nodes.Add(new Node("relu", "Relu", new[] { "h" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.Of(1, 2)));
        g.ValueInfos["h"] = new ValueInfo("h", DataType.Float32, SymShape.Of(1, 2));
        g.Metadata["producer_name"] = "edgetk-tests";
        g.Metadata["card"] = "hand-made";
        return g;
    }

    /// <summary>y = cond ? x + 1 : x * two, "one" a constant of the then-branch, "two" an outer initializer.</summary>
    public static ModelGraph IfGraph()
    {
        var then = new ModelGraph { Name = "then" };
        then.Initializers["one"] = Tensor.Vector(1f);
        then.Nodes.Add(new Node("add", "Add", new[] { "x", "one" }, new[] { "t_out" }));
        then.Outputs.Add(new ValueInfo("t_out", DataType.Float32, SymShape.Of(2)));
        var otherwise = new ModelGraph { Name = "else" };
        otherwise.Nodes.Add(new Node("mul", "Mul", new[] { "x", "two" }, new[] { "e_out" }));
        otherwise.Outputs.Add(new ValueInfo("e_out", DataType.Float32, SymShape.Of(2)));
        foreach (var s in new[] { "x", "two", "cond" }) { then.OuterScope.Add(s); otherwise.OuterScope.Add(s); }

        var g = new ModelGraph { Name = "branchy", Opset = 17 };
        g.Inputs.Add(new ValueInfo("cond", DataType.Bool, SymShape.Scalar));
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2)));
        g.Initializers["two"] = Tensor.Vector(2f);
        g.Nodes.Add(new Node("if", "If", new[] { "cond" }, new[] { "y" })
            .With(NodeAttribute.Of("then_branch", then)).With(NodeAttribute.Of("else_branch", otherwise)));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.Of(2)));
        return g;
    }

    /// <summary>y = Relu(x) + c with names exporters really produce, plus quotes, slashes and unicode.</summary>
    public static ModelGraph HostileNames()
    {
        var g = new ModelGraph { Name = "na\"me", Opset = 13 };
        g.Inputs.Add(new ValueInfo("a\"b", DataType.Float32, SymShape.Of(2)));
        g.Initializers["ü数\\c"] = Tensor.Vector(10f, 20f);
        g.Nodes.Add(new Node("/layer.0/Relu", "Relu", new[] { "a\"b" }, new[] { "onnx::Flatten_0" }));
        g.Nodes.Add(new Node("add'n", "Add", new[] { "onnx::Flatten_0", "ü数\\c" }, new[] { "x.y/z" }));
        g.Outputs.Add(new ValueInfo("x.y/z", DataType.Float32, SymShape.Of(2)));
        return g;
    }

    public static Dictionary<string, Tensor> Inputs(params (string Name, Tensor Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
