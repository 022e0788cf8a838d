using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// Trilu: keeps the upper (upper=1) or lower triangle of each matrix in the last two axes, from
/// diagonal k; the rest becomes 0. k is a literal when constant, else read at run time; either
/// way clamped to [-ROWS, COLS], which changes no comparison. Elementwise, so it may run in place.
/// </summary>
public sealed class TriluEmitter : IKernelEmitter
{
    public string OpType => "Trilu";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.InputShape(0).Length < 2 ? "Trilu needs a tensor of rank 2 or more"
        : ctx.HasInput(1) && ctx.InputType(1) != DataType.Int64 ? "Trilu k must be int64"
        : DataMovement.CheckType(ctx, ctx.InputType(0));

    public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

    public void Emit(KernelContext ctx)
    {
        var s = ctx.InputShape(0);
        int rows = s[^2], cols = s[^1];
        bool upper = ctx.Node.GetInt("upper", 1) != 0;
        var w = ctx.Code;
        var constant = ctx.HasInput(1) ? ctx.Constant(1) : null;
        long? k = !ctx.HasInput(1) ? 0 : constant is { Length: > 0 } ? Math.Clamp(constant.GetInt64(0), -rows, cols) : null;
        DataMovement.Header(ctx, (upper ? "upper" : "lower") + (k is long kk ? $", k {kk}" : ", k at run time"));
        w.Line($"enum {{ MATRICES = {Tensor.ElementCountOf(s[..^2])}, ROWS = {rows}, COLS = {cols} }};");
        DataMovement.Pointers(ctx);
        if (k is long kc) w.Line($"const long k = {kc};");
        else
        {
            w.Line($"const int64_t k_raw = {ctx.In(1)}[0];");
            w.Line("const long k = k_raw < -ROWS ? -ROWS : k_raw > COLS ? COLS : (long)k_raw;");
        }
        using (w.Block("for (long m = 0; m < MATRICES; m++)"))
        using (w.Block("for (long r = 0; r < ROWS; r++)"))
        using (w.Block("for (long c = 0; c < COLS; c++)"))
        {
            w.Line("const long j = (m * ROWS + r) * COLS + c;");
            w.Line($"y[j] = c - r {(upper ? ">=" : "<=")} k ? x[j] : 0;");
        }
    }
}
