using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Concat along one axis (negative from opset 11; required from opset 4, defaulting to 1 before);
/// every other dim must agree.
/// </summary>
public sealed class ConcatOp : IOperator
{
    public string OpType => "Concat";

    public string? CheckSupported(ShapeContext ctx) =>
        ctx.Node.HasAttribute("axis") || ctx.Opset < 4 ? null : "Concat needs the axis attribute";

    private static long AxisOf(Node node) => node.GetInt("axis", 1);

    public void InferShapes(ShapeContext ctx)
    {
        var ins = Enumerable.Range(0, ctx.InputCount).Where(ctx.HasInput).Select(ctx.Input).ToList();
        var type = ins[0].Type;
        if (ins.Any(i => i.Type != type)) throw ctx.Error("Concat inputs have different element types");
        var ranked = ins.Where(i => i.Shape.HasRank).ToList();
        if (ranked.Count == 0) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        int rank = ranked[0].Shape.Rank;
        if (ranked.Any(i => i.Shape.Rank != rank)) throw ctx.Error("Concat inputs have different ranks");
        int axis = Axes.Normalize(AxisOf(ctx.Node), rank);
        var dims = new Dim[rank];
        for (int d = 0; d < rank; d++)
        {
            if (d == axis)
                dims[d] = ranked.Count == ins.Count ? SymDims.Sum(ranked.Select(i => i.Shape[d])) : Dim.Unknown;
            else
            {
                dims[d] = ranked.Select(i => i.Shape[d]).Aggregate(SymDims.Merge);
                foreach (var i in ranked)
                    if (i.Shape[d].IsKnown && dims[d].Value != i.Shape[d].Value)
                        throw ctx.Error($"Concat inputs disagree on dim {d}: {dims[d]} vs {i.Shape[d]}");
            }
        }
        ctx.SetOutput(0, type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var ins = Enumerable.Range(0, ctx.InputCount).Where(ctx.HasInput).Select(ctx.Input).ToList();
        var first = ins[0];
        int axis = Axes.Normalize(AxisOf(ctx.Node), first.Rank);
        foreach (var t in ins)
            if (t.Rank != first.Rank || Enumerable.Range(0, first.Rank).Any(d => d != axis && t.Shape[d] != first.Shape[d]))
                throw ctx.Error($"Concat input {t} does not match {first} outside axis {axis}");
        var shape = (int[])first.Shape.Clone();
        shape[axis] = ins.Sum(t => t.Shape[axis]);
        int outer = (int)Tensor.ElementCountOf(shape[..axis]);
        int inner = (int)Tensor.ElementCountOf(shape[(axis + 1)..]);
        var data = ElementGather.NewArray(first.Type, Tensor.ElementCountOf(shape));
        int outRow = shape[axis] * inner, at = 0;
        // Each input contributes one contiguous run per outer index.
        foreach (var t in ins)
        {
            int run = t.Shape[axis] * inner;
            for (int o = 0; o < outer; o++) Array.Copy(t.Data, o * run, data, o * outRow + at, run);
            at += run;
        }
        ctx.SetOutput(0, new Tensor(first.Type, shape, data));
    }
}
