using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// CenterCropPad (opset 18): each listed axis (all by default) becomes the requested size, by a
/// centred crop when smaller or centred zero padding when larger (the odd element goes to the end).
/// </summary>
public sealed class CenterCropPadOp : IOperator
{
    public string OpType => "CenterCropPad";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        var target = ctx.ConstantInput(1)?.ToInt64Array();
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var dims = x.Shape.Dims!.ToArray();
        var axes = AxesOf(ctx.Node, dims.Length, target?.Length ?? (ctx.InputShape(1) is { HasRank: true } s && s[0].IsKnown ? (int)s[0].Value : dims.Length));
        for (int k = 0; k < axes.Length; k++) dims[axes[k]] = target != null ? Dim.Of(target[k]) : Dim.Unknown;
        ctx.SetOutput(0, x.Type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var target = ctx.Input(1).ToInt64Array();
        var axes = AxesOf(ctx.Node, x.Rank, target.Length);
        var outShape = (int[])x.Shape.Clone();
        for (int k = 0; k < axes.Length; k++) outShape[axes[k]] = checked((int)target[k]);
        var strides = Tensor.Strides(x.Shape);
        var offsets = new int[x.Rank][];
        for (int a = 0; a < x.Rank; a++)
        {
            int n = x.Shape[a], m = outShape[a];
            // Crop: output o reads input o + (n - m) / 2. Pad: input i lands at i + (m - n) / 2.
            int shift = n >= m ? (n - m) / 2 : -((m - n) / 2);
            offsets[a] = Enumerable.Range(0, m).Select(o => o + shift is var i && i >= 0 && i < n ? i * strides[a] : -1).ToArray();
        }
        var zero = x.Type == DataType.String ? new[] { "" } : ElementGather.Filled(x.Type, 1, 0);
        ctx.SetOutput(0, new Tensor(x.Type, outShape, ElementGather.ByAxisOffsets(x.Data, outShape, offsets, zero)));
    }

    private static int[] AxesOf(Node node, int rank, int count)
    {
        var axes = node.GetInts("axes") is { } a ? Axes.Normalize(a, rank) : Enumerable.Range(0, rank).ToArray();
        if (axes.Length != count) throw new InvalidOperationException($"shape has {count} values for {axes.Length} axes");
        return axes;
    }
}
