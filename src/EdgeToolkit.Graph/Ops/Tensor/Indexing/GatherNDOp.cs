namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// GatherND: each tuple on the last axis of indices (length k) picks a slice of data after the
/// first batch_dims axes (opset 12). Output: indices.shape[:-1] + data.shape[batch_dims + k:].
/// </summary>
public sealed class GatherNDOp : IOperator
{
    public string OpType => "GatherND";

    public string? CheckSupported(ShapeContext ctx) =>
        ctx.InputType(1) == DataType.Int64 ? null : $"GatherND indices must be int64, not {ctx.InputType(1).OnnxName()}";

    public void InferShapes(ShapeContext ctx)
    {
        var data = ctx.InputShape(0);
        var idx = ctx.InputShape(1);
        int b = (int)ctx.Node.GetInt("batch_dims", 0);
        var type = ctx.InputType(0);
        if (!data.HasRank || !idx.HasRank || !idx[idx.Rank - 1].IsKnown) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        int k = (int)idx[idx.Rank - 1].Value;
        ctx.SetOutput(0, type, new SymShape(idx.Dims!.Take(idx.Rank - 1).Concat(data.Dims!.Skip(b + k))));
    }

    public void Evaluate(EvalContext ctx)
    {
        var data = ctx.Input(0);
        var indices = ctx.Input(1);
        int b = (int)ctx.Node.GetInt("batch_dims", 0);
        var (starts, slice) = IndexTables.TupleStarts(data.Shape, indices, b, ctx);
        var source = new int[starts.Length * slice];
        for (int t = 0; t < starts.Length; t++)
            for (int s = 0; s < slice; s++) source[t * slice + s] = starts[t] + s;
        var shape = indices.Shape[..^1].Concat(data.Shape[(b + indices.Shape[^1])..]).ToArray();
        ctx.SetOutput(0, new Tensor(data.Type, shape, ElementGather.Take(data.Data, source)));
    }
}
