using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Compress: keeps the slices along axis (or the elements of the flattened input when axis is
/// absent) whose condition is true; a condition shorter than the axis drops the rest.
/// </summary>
public sealed class CompressOp : IOperator
{
    public string OpType => "Compress";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        var cond = ctx.ConstantInput(1);
        var kept = cond != null ? Dim.Of(Enumerable.Range(0, cond.Length).Count(i => cond.GetDouble(i) != 0)) : Dim.Unknown;
        if (!ctx.Node.HasAttribute("axis")) { ctx.SetOutput(0, x.Type, new SymShape(new[] { kept })); return; }
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var dims = x.Shape.Dims!.ToArray();
        dims[Axes.Normalize(ctx.Node.GetInt("axis", 0), dims.Length)] = kept;
        ctx.SetOutput(0, x.Type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var cond = ctx.Input(1);
        bool flat = !ctx.Node.HasAttribute("axis");
        var shape = flat ? new[] { x.Length } : x.Shape;
        int axis = flat ? 0 : Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Rank);
        if (cond.Length > shape[axis]) throw ctx.Error($"condition has {cond.Length} values for an axis of {shape[axis]}");
        var keep = Enumerable.Range(0, cond.Length).Where(i => cond.GetDouble(i) != 0).ToArray();
        int outer = (int)Tensor.ElementCountOf(shape[..axis]), inner = (int)Tensor.ElementCountOf(shape[(axis + 1)..]);
        var source = new int[outer * keep.Length * inner];
        for (int o = 0, at = 0; o < outer; o++)
            foreach (var k in keep)
                for (int i = 0; i < inner; i++) source[at++] = (o * shape[axis] + k) * inner + i;
        var outShape = (int[])shape.Clone();
        outShape[axis] = keep.Length;
        ctx.SetOutput(0, new Tensor(x.Type, outShape, ElementGather.Take(x.Data, source)));
    }
}
