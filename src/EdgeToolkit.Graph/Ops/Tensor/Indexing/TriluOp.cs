namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Trilu: keeps the upper (upper=1, default) or lower triangle of the last two axes, relative to
/// diagonal k (input 1, default 0); the rest becomes zero.
/// </summary>
public sealed class TriluOp : IOperator
{
    public string OpType => "Trilu";

    public string? CheckSupported(ShapeContext ctx) => ctx.InputType(0) == DataType.String ? "Trilu of strings is not supported" : null;

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        if (x.Rank < 2) throw ctx.Error("Trilu needs a tensor of rank 2 or more");
        long k = ctx.HasInput(1) ? ctx.Input(1).GetInt64(0) : 0;
        bool upper = ctx.Node.GetInt("upper", 1) != 0;
        int rows = x.Shape[^2], cols = x.Shape[^1];
        var source = new int[x.Length];
        for (int i = 0; i < source.Length; i++)
        {
            long r = i / cols % rows, c = i % cols;
            bool keep = upper ? c - r >= k : c - r <= k;
            source[i] = keep ? i : -1;
        }
        ctx.SetOutput(0, new Tensor(x.Type, x.Shape, ElementGather.Take(x.Data, source, ElementGather.Filled(x.Type, 1, 0))));
    }
}
