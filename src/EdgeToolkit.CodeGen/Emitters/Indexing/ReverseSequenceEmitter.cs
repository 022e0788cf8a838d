using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// ReverseSequence: for each batch entry b, the first sequence_lens[b] steps along the time axis
/// are reversed and the rest copied (lengths clamped to [0, steps] as the reference does).
/// batch_axis and time_axis are 0 and 1 in either order.
/// </summary>
public sealed class ReverseSequenceEmitter : IKernelEmitter
{
    public string OpType => "ReverseSequence";

    public string? CheckSupported(KernelContext ctx)
    {
        long batch = ctx.Node.GetInt("batch_axis", 1), time = ctx.Node.GetInt("time_axis", 0);
        if (!(batch is 0 or 1 && time is 0 or 1 && batch != time)) return "ReverseSequence needs batch_axis and time_axis to be 0 and 1";
        if (ctx.InputShape(0).Length < 2) return "ReverseSequence needs rank 2 or more";
        return IndexCode.CheckIndexType(ctx, 1) ?? DataMovement.CheckType(ctx, ctx.InputType(0));
    }

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        int batchAxis = (int)ctx.Node.GetInt("batch_axis", 1), timeAxis = 1 - batchAxis;
        var strides = IndexCode.Strides(x);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"batch_axis {batchAxis}, time_axis {timeAxis}");
        w.Line($"enum {{ BATCH = {x[batchAxis]}, STEPS = {x[timeAxis]}, INNER = {Tensor.ElementCountOf(x[2..])}, " +
               $"BATCH_STRIDE = {strides[batchAxis]}, TIME_STRIDE = {strides[timeAxis]} }};");
        DataMovement.Pointers(ctx);
        w.Line($"const {ctx.InputType(1).CType()} *lens = {ctx.In(1)};");
        using (w.Block("for (long b = 0; b < BATCH; b++)"))
        {
            w.Line("const long len = lens[b] < 0 ? 0 : lens[b] > STEPS ? STEPS : (long)lens[b];");
            using (w.Block("for (long t = 0; t < STEPS; t++)"))
            {
                w.Line("const long from = t < len ? len - 1 - t : t;");
                w.Line("for (long i = 0; i < INNER; i++) y[b * BATCH_STRIDE + t * TIME_STRIDE + i] = x[b * BATCH_STRIDE + from * TIME_STRIDE + i];");
            }
        }
    }
}
