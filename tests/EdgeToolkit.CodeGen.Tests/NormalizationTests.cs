using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>Softmax, LayerNormalization and the reductions against the reference evaluator.</summary>
public class NormalizationTests
{
    [Theory]
    [InlineData("Softmax", 13, -1)]
    [InlineData("Softmax", 13, 1)]
    [InlineData("Softmax", 11, 1)]
    [InlineData("LogSoftmax", 13, -1)]
    [InlineData("LogSoftmax", 13, 0)]
    public void Softmax_matches_reference(string op, int opset, long axis)
    {
        var b = new GraphBuilder("softmax", opset);
        var a = b.Input("a", DataType.Float32, 2, 5, 3);
        b.Output(b.OpNamed("sm", op, new[] { a }, NodeAttribute.Of("axis", axis)));
        // Large logits: only the max-subtracted form stays finite.
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 1, 60f));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(1, false)]
    public void LayerNormalization_matches_reference(long axis, bool bias)
    {
        var b = new GraphBuilder("layernorm");
        var a = b.Input("a", DataType.Float32, 2, 3, 8);
        int[] normShape = axis == -1 ? new[] { 8 } : new[] { 3, 8 };
        var ins = new List<string> { a, b.Constant("scale", ModelCheck.Random(normShape, 2)) };
        if (bias) ins.Add(b.Constant("bias", ModelCheck.Random(normShape, 3)));
        b.Output(b.OpNamed("ln", "LayerNormalization", ins.ToArray(), NodeAttribute.Of("axis", axis), NodeAttribute.Of("epsilon", 1e-3f)));
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 4, 5f));
    }

    [Theory]
    [InlineData("ReduceMean", new long[] { 1 }, 1)]
    [InlineData("ReduceMean", new long[] { -1 }, 0)]
    [InlineData("ReduceMax", new long[] { 0, 2 }, 1)]
    [InlineData("ReduceMax", new long[0], 0)]
    [InlineData("ReduceSum", new long[] { 1, 2 }, 0)]
    [InlineData("ReduceMin", new long[] { 2 }, 1)]
    [InlineData("ReduceProd", new long[] { 0 }, 1)]
    [InlineData("ReduceL2", new long[] { 2 }, 1)]
    public void Reduce_matches_reference(string op, long[] axes, long keepdims)
    {
        var b = new GraphBuilder("reduce", 13);
        var a = b.Input("a", DataType.Float32, 3, 4, 5);
        var attrs = new List<NodeAttribute> { NodeAttribute.Of("keepdims", keepdims) };
        var ins = new List<string> { a };
        if (op == "ReduceSum") { if (axes.Length > 0) ins.Add(b.Constant("axes", Tensor.Vector(axes))); }
        else if (axes.Length > 0) attrs.Add(NodeAttribute.Of("axes", axes));
        b.Output(b.OpNamed("r", op, ins.ToArray(), attrs.ToArray()));
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 5, 2f));
    }
}
