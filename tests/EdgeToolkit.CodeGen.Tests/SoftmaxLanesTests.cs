using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// Softmax and LogSoftmax over rows long enough for the 8-lane maximum and sum, with a tail (19),
/// exactly 8 lanes' worth (16), and along a strided axis, against the reference evaluator.
/// </summary>
public class SoftmaxLanesTests
{
    [Theory]
    [InlineData("Softmax", 19, -1)]
    [InlineData("Softmax", 16, -1)]
    [InlineData("Softmax", 19, 1)]
    [InlineData("LogSoftmax", 19, -1)]
    [InlineData("LogSoftmax", 19, 1)]
    public void Long_rows_match_the_reference(string op, int length, long axis)
    {
        var b = new GraphBuilder("softmax_lanes", 13);
        // axis 1: each row strides over the last dim's 2 elements.
        var a = axis == -1 ? b.Input("a", DataType.Float32, 3, 2, length) : b.Input("a", DataType.Float32, 3, length, 2);
        b.Output(b.OpNamed("sm", op, new[] { a }, NodeAttribute.Of("axis", axis)));
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 3, 30f));
    }
}
