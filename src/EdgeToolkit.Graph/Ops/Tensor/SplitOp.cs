using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Split along an axis. The sizes come from the "split" attribute (before opset 13) or input 1
/// (from 13); without them the dim is split equally among the outputs, or into num_outputs
/// chunks of ceil(dim/num_outputs) with a smaller last one (opset 18).
/// </summary>
public sealed class SplitOp : IOperator
{
    public string OpType => "Split";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        int outputs = ctx.Node.Outputs.Count;
        if (!x.Shape.HasRank) { for (int i = 0; i < outputs; i++) ctx.SetOutput(i, x.Type, SymShape.UnknownRank); return; }
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Shape.Rank);
        var (found, split) = OpArguments.IntsFrom(ctx, 1, "split");
        var dim = x.Shape[axis];
        long[]? sizes = found ? split : dim.IsKnown ? Sizes(ctx.Node, dim.Value, outputs, null) : null;
        for (int i = 0; i < outputs; i++)
        {
            var dims = x.Shape.Dims!.ToArray();
            dims[axis] = sizes != null ? Dim.Of(sizes[i]) : Dim.Unknown;
            ctx.SetOutput(i, x.Type, new SymShape(dims));
        }
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Rank);
        var sizes = Sizes(ctx.Node, x.Shape[axis], ctx.Outputs.Length, OpArguments.IntsFrom(ctx, 1, "split"));
        int outer = (int)Tensor.ElementCountOf(x.Shape[..axis]);
        int inner = (int)Tensor.ElementCountOf(x.Shape[(axis + 1)..]);
        int inRow = x.Shape[axis] * inner, at = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            var shape = (int[])x.Shape.Clone();
            shape[axis] = (int)sizes[i];
            int run = shape[axis] * inner;
            var data = ElementGather.NewArray(x.Type, (long)outer * run);
            for (int o = 0; o < outer; o++) Array.Copy(x.Data, o * inRow + at, data, o * run, run);
            at += run;
            ctx.SetOutput(i, new Tensor(x.Type, shape, data));
        }
    }

    private static long[] Sizes(Node node, long dim, int outputs, long[]? split)
    {
        if (split != null)
        {
            if (split.Length != outputs || split.Sum() != dim || split.Any(s => s < 0))
                throw new InvalidOperationException($"split [{string.Join(",", split)}] does not divide dim {dim} into {outputs} outputs");
            return split;
        }
        if (node.HasAttribute("num_outputs"))
        {
            long n = node.GetInt("num_outputs", outputs);
            if (n != outputs) throw new InvalidOperationException($"num_outputs={n} but the node has {outputs} outputs");
            long chunk = (dim + n - 1) / n;
            return Enumerable.Range(0, (int)n).Select(i => Math.Clamp(dim - i * chunk, 0, chunk)).ToArray();
        }
        if (dim % outputs != 0) throw new InvalidOperationException($"dim {dim} does not split equally into {outputs} outputs");
        return Enumerable.Repeat(dim / outputs, outputs).ToArray();
    }
}
