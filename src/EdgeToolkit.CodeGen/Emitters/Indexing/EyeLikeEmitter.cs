using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// EyeLike: zeros shaped like the 2-D input (whose values are not read) with ones on diagonal k, of
/// type dtype (default: the input's). Where the diagonal lies is worked out at generation time.
/// </summary>
public sealed class EyeLikeEmitter : IKernelEmitter
{
    public string OpType => "EyeLike";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.InputShape(0).Length != 2 ? "EyeLike needs a 2-D input" : DataMovement.CheckType(ctx, ctx.OutputType(0));

    public void Emit(KernelContext ctx)
    {
        var s = ctx.InputShape(0);
        int rows = s[0], cols = s[1];
        long k = ctx.Node.GetInt("k", 0);
        // Row r holds its one at column r + k: rows from max(0, -k) while the column stays below cols.
        long first = Math.Max(0, -k), ones = Math.Max(0, Math.Min(rows - first, cols - (first + k)));
        var w = ctx.Code;
        DataMovement.Header(ctx, $"k {k}, {ctx.OutputType(0).OnnxName()}");
        w.Line($"enum {{ COUNT = {(long)rows * cols}, ONES = {ones}, FIRST = {(ones > 0 ? first * cols + first + k : 0)}, STEP = {cols + 1} }};");
        w.Line($"{ctx.OutputType(0).CType()} *y = {ctx.Out(0)};");
        w.Line("for (long j = 0; j < COUNT; j++) y[j] = 0;");
        w.Line("for (long j = 0; j < ONES; j++) y[FIRST + j * STEP] = 1;");
    }
}
