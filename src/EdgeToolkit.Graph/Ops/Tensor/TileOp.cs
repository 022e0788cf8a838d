namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Tile: repeats the input repeats[i] times along axis i.</summary>
public sealed class TileOp : IOperator
{
    public string OpType => "Tile";

    public string? CheckSupported(ShapeContext ctx) =>
        ctx.InputCount > 2 ? "Tile with separate tiles and axis inputs (opset 1) is not supported; re-export with opset 6 or later" : null;

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var repeats = ctx.ConstantInput(1)?.ToInt64Array();
        if (repeats == null) { ctx.SetOutput(0, x.Type, new SymShape(Enumerable.Repeat(Dim.Unknown, x.Shape.Rank))); return; }
        if (repeats.Length != x.Shape.Rank) throw ctx.Error($"Tile repeats has {repeats.Length} values for rank {x.Shape.Rank}");
        ctx.SetOutput(0, x.Type, new SymShape(x.Shape.Dims!.Select((d, i) =>
            d.IsKnown ? Dim.Of(d.Value * repeats[i]) : repeats[i] == 1 ? d : Dim.Unknown)));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var repeats = ctx.Input(1).ToInt64Array();
        if (repeats.Length != x.Rank || repeats.Any(r => r < 0)) throw ctx.Error($"Tile repeats [{string.Join(",", repeats)}] do not fit {x}");
        var outShape = x.Shape.Select((d, i) => checked(d * (int)repeats[i])).ToArray();
        var strides = Tensor.Strides(x.Shape);
        var offsets = new int[x.Rank][];
        for (int a = 0; a < x.Rank; a++)
        {
            int n = x.Shape[a], stride = strides[a];
            offsets[a] = Enumerable.Range(0, outShape[a]).Select(o => o % n * stride).ToArray();
        }
        ctx.SetOutput(0, new Tensor(x.Type, outShape, ElementGather.ByAxisOffsets(x.Data, outShape, offsets)));
    }
}
