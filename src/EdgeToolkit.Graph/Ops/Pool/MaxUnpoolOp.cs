using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>
/// MaxUnpool(X, I, output_shape?): zeros of the unpooled shape with each X value written where
/// MaxPool's Indices output recorded it. Indices are flat in the default unpooled shape,
/// (in - 1) * stride + kernel - pad_begin - pad_end per spatial axis; a larger output_shape keeps
/// each value at the same coordinates (the extra rows and columns stay zero).
/// </summary>
public sealed class MaxUnpoolOp : IOperator
{
    public string OpType => "MaxUnpool";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? (ctx.Node.GetInts("kernel_shape") == null ? "MaxUnpool needs kernel_shape" : null);

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (ctx.HasInput(2))
        {
            var given = ctx.ConstantInput(2);
            ctx.SetOutput(0, x.Type, given != null ? SymShape.Of(given.ToInt64Array()) : x.Shape.HasRank
                ? new SymShape(Enumerable.Repeat(Dim.Unknown, x.Shape.Rank)) : SymShape.UnknownRank);
            return;
        }
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var dims = x.Shape.Dims!.ToArray();
        for (int i = 2; i < dims.Length; i++)
            dims[i] = dims[i].IsKnown ? Dim.Of(Unpooled(ctx.Node, i - 2, dims.Length - 2, (int)dims[i].Value)) : Dim.Unknown;
        ctx.SetOutput(0, x.Type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var indices = ctx.Input(1);
        var natural = x.Shape.Select((d, i) => i < 2 ? d : Unpooled(ctx.Node, i - 2, x.Rank - 2, d)).ToArray();
        var shape = ctx.HasInput(2) ? ctx.Input(2).ToInt64Array().Select(d => checked((int)d)).ToArray() : natural;
        if (shape.Length != natural.Length || shape.Zip(natural).Any(p => p.First < p.Second))
            throw ctx.Error($"output_shape [{string.Join(",", shape)}] is smaller than the unpooled [{string.Join(",", natural)}]");
        var y = new float[Tensor.ElementCountOf(shape)];
        if (indices.Length != x.Length) throw ctx.Error("I must have the shape of X");
        int[] from = Tensor.Strides(natural), to = Tensor.Strides(shape);
        long total = Tensor.ElementCountOf(natural);
        for (int j = 0; j < x.Length; j++)
        {
            long at = indices.GetInt64(j);
            if (at < 0 || at >= total) throw ctx.Error($"index {at} is outside the unpooled tensor of {total} elements");
            long target = 0;
            for (int a = 0; a < shape.Length; a++) target += at / from[a] % natural[a] * to[a];
            y[target] = x.Floats[j];
        }
        ctx.SetOutput(0, new Tensor(DataType.Float32, shape, y));
    }

    private static int Unpooled(Node node, int axis, int rank, int size)
    {
        int kernel = (int)node.GetInts("kernel_shape")![axis];
        int stride = (int)(node.GetInts("strides")?[axis] ?? 1);
        var pads = node.GetInts("pads");
        int begin = (int)(pads?[axis] ?? 0), end = (int)(pads?[axis + rank] ?? 0);
        return (size - 1) * stride + kernel - begin - end;
    }
}
