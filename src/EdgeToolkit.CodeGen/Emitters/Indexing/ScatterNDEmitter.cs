using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// ScatterND: y is a copy of x, then each index tuple stores (or combines) one slice of updates at
/// the place it names, in tuple order. May run in place on x.
/// </summary>
public sealed class ScatterNDEmitter : IKernelEmitter
{
    public string OpType => "ScatterND";

    public string? CheckSupported(KernelContext ctx)
    {
        var why = IndexCode.CheckIndexType(ctx, 1) ?? Geometry(ctx).Check(OpType, ctx.InputShape(1)) ?? Scatter.CheckReduction(ctx)
            ?? DataMovement.CheckType(ctx, ctx.InputType(0));
        if (why != null) return why;
        var g = Geometry(ctx);
        return Tensor.ElementCountOf(ctx.InputShape(2)) == g.Tuples * g.Slice ? null : "ScatterND updates do not match the index tuples";
    }

    private static IndexTuples Geometry(KernelContext ctx) => IndexTuples.Of(ctx.InputShape(0), ctx.InputShape(1), 0);

    public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

    public void Emit(KernelContext ctx)
    {
        var g = Geometry(ctx);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"tuples of {g.K}, reduction {ctx.Node.GetString("reduction", "none")}");
        Scatter.CopyData(ctx, $", TUPLES = {g.Tuples}, SLICE = {g.Slice}");
        using (w.Block("for (long t = 0; t < TUPLES; t++)"))
        {
            g.WriteStart(w, "idx");
            using (w.Block("for (long s = 0; s < SLICE; s++)"))
                Scatter.Store(ctx, "y[at + s]", "upd[t * SLICE + s]");
        }
    }
}
