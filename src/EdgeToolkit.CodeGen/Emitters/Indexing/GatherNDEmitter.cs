using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>GatherND (batch_dims from opset 12): each index tuple copies one slice of x into y, in tuple order.</summary>
public sealed class GatherNDEmitter : IKernelEmitter
{
    public string OpType => "GatherND";

    public string? CheckSupported(KernelContext ctx) =>
        IndexCode.CheckIndexType(ctx, 1, int32Allowed: false) ?? Geometry(ctx).Check(OpType, ctx.InputShape(1)) ?? DataMovement.CheckType(ctx, ctx.InputType(0));

    private static IndexTuples Geometry(KernelContext ctx) =>
        IndexTuples.Of(ctx.InputShape(0), ctx.InputShape(1), (int)ctx.Node.GetInt("batch_dims", 0));

    public void Emit(KernelContext ctx)
    {
        var g = Geometry(ctx);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"batch_dims {g.BatchDims}, tuples of {g.K}");
        w.Line($"enum {{ TUPLES = {g.Tuples}, SLICE = {g.Slice} }};");
        DataMovement.Pointers(ctx);
        w.Line($"const int64_t *idx = {ctx.In(1)};");
        using (w.Block("for (long t = 0; t < TUPLES; t++)"))
        {
            g.WriteStart(w, "idx");
            w.Line("for (long s = 0; s < SLICE; s++) y[t * SLICE + s] = x[at + s];");
        }
    }
}
