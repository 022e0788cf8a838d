using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Activation;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.ArgReduce;

/// <summary>
/// Hardmax: 1 at the first maximum of each row, 0 elsewhere. Rows as SoftmaxGeometry defines them
/// (coerced 2-D before opset 13, one axis from 13). Like the reference, the running maximum starts
/// at -inf, so NaN and -inf never win and an all-NaN row marks its first element.
/// </summary>
public sealed class HardmaxEmitter : IKernelEmitter
{
    public string OpType => "Hardmax";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.InputType(0) != DataType.Float32 ? $"Hardmax on {ctx.InputType(0).OnnxName()} is not supported"
        : ctx.InputShape(0).Length == 0 ? "Hardmax of a scalar"
        : ctx.Node.Fused.Count > 0 ? "Hardmax with fused post-ops" : null;

    public void Emit(KernelContext ctx)
    {
        var g = SoftmaxGeometry.Of(ctx.Node, ctx.Graph.Opset, ctx.InputShape(0));
        var w = ctx.Code;
        DataMovement.Header(ctx, $"rows of {g.Length}, stride {g.Inner}");
        w.Line($"enum {{ OUTER = {g.Outer}, ROW_LEN = {g.Length}, INNER = {g.Inner} }};");
        DataMovement.Pointers(ctx);
        w.Line("for (long j = 0; j < (long)OUTER * ROW_LEN * INNER; j++) y[j] = 0;");
        using (w.Block("for (long o = 0; o < OUTER; o++)"))
        using (w.Block("for (long i = 0; i < INNER; i++)"))
        {
            w.Line("const long start = o * ROW_LEN * INNER + i;");
            w.Line("float max = -1.0f / 0.0f; /* -inf */");
            w.Line("long best = 0;");
            w.Line("for (long k = 0; k < ROW_LEN; k++) if (x[start + k * INNER] > max) { max = x[start + k * INNER]; best = k; }");
            w.Line($"y[start + best * INNER] = 1;");
        }
    }
}
