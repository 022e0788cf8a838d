using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Tests.TensorOps;

namespace EdgeToolkit.Graph.Tests.Recurrent;

/// <summary>layout = 1 (batch first) against layout 0 on transposed data, and shape inference and refusals.</summary>
public class RecurrentLayoutTests
{
    [Theory]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    [InlineData("RNN")]
    public void Batch_first_layout_is_the_transpose_of_the_default(string op)
    {
        var options = new RecurrentCase(op, Seq: 3, Batch: 2) { Direction = "bidirectional", InitialStates = true, SequenceLens = new[] { 2, 3 } };
        var seqFirst = options.Build(seed: 3);
        var batchFirst = (options with { Layout = 1 }).Build(seed: 3);
        var feeds = RecurrentCase.Feeds(seqFirst, seed: 3);
        // X [seq, batch, input] -> [batch, seq, input]; states [dirs, batch, hidden] -> [batch, dirs, hidden].
        var swapped = feeds.ToDictionary(f => f.Key, f => SwapFirstTwo(f.Value));
        var want = Evaluator.Run(seqFirst, feeds);
        var got = Evaluator.Run(batchFirst, swapped);
        Assert.Equal(SwapAxes(want["Y"], 2, 0, 1, 3).Floats, got["Y"].Floats); // [seq, dirs, batch, h] -> [batch, seq, dirs, h]
        Assert.Equal(SwapFirstTwo(want["Y_h"]).Floats, got["Y_h"].Floats);
        if (op == "LSTM") Assert.Equal(SwapFirstTwo(want["Y_c"]).Floats, got["Y_c"].Floats);
    }

    [Fact]
    public void Shapes_follow_the_layout_with_symbolic_dims()
    {
        var outs = new OpRunner("GRU", 14, 2)
            .Sym(DataType.Float32, Dim.Sym("batch"), Dim.Sym("seq"), 4).Const(Make.Random(1, 2, 15, 4)).Const(Make.Random(2, 2, 15, 5))
            .Attr("direction", "bidirectional").Attr("layout", 1L).Infer(); // hidden_size comes from R
        Assert.Equal(Make.Shape(Dim.Sym("batch"), Dim.Sym("seq"), 2, 5), outs[0].Shape);
        Assert.Equal(Make.Shape(Dim.Sym("batch"), 2, 5), outs[1].Shape);
    }

    [Theory]
    [InlineData("activations", "takes 3 activations")]
    [InlineData("unknown", "'Swish' is not one ONNX allows")]
    [InlineData("weights", "input W has shape [1x12x4], expected [1x16x4]")]
    public void Bad_nodes_are_refused_with_the_reason(string what, string reason)
    {
        var run = new OpRunner("LSTM", 14, 3).In(Make.Random(1, 2, 1, 4))
            .Const(Make.Random(2, 1, what == "weights" ? 12 : 16, 4)).Const(Make.Random(3, 1, 16, 4)).Attr("hidden_size", 4L);
        if (what == "activations") run.Node.With(new NodeAttribute { Name = "activations", Kind = AttributeKind.Strings, Strings = new[] { "Sigmoid", "Tanh" } });
        if (what == "unknown") run.Node.With(new NodeAttribute { Name = "activations", Kind = AttributeKind.Strings, Strings = new[] { "Sigmoid", "Swish", "Tanh" } });
        Assert.Contains(reason, run.Refusal());
    }

    private static Tensor SwapFirstTwo(Tensor t) => SwapAxes(t, Enumerable.Range(0, t.Rank).Select(a => a < 2 ? 1 - a : a).ToArray());

    /// <summary>Transpose: output axis a is input axis perm[a].</summary>
    private static Tensor SwapAxes(Tensor t, params int[] perm)
    {
        var shape = perm.Select(p => t.Shape[p]).ToArray();
        var inStrides = Tensor.Strides(t.Shape);
        var result = new float[t.Length];
        var index = new int[shape.Length];
        for (int o = 0; o < result.Length; o++)
        {
            int rest = o, src = 0;
            for (int a = shape.Length - 1; a >= 0; a--) { index[a] = rest % shape[a]; rest /= shape[a]; }
            for (int a = 0; a < shape.Length; a++) src += index[a] * inStrides[perm[a]];
            result[o] = t.Floats[src];
        }
        return Tensor.FromFloats(shape, result);
    }
}
