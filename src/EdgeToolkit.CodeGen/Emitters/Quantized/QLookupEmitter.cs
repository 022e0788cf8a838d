using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// QLookup (edgetk): y[i] = T[x[i] + 128], the 256-entry table an elementwise float op was
/// lowered to. Four elements per step, all four inputs read before any output is written, so
/// it may run in place.
/// </summary>
public sealed class QLookupEmitter : IKernelEmitter
{
    public string OpType => "QLookup";
    public string Domain => "edgetk";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Int8 || ctx.OutputType(0) != DataType.Int8) return "QLookup input and output must be int8";
        if (ctx.Constant(1) is not { Type: DataType.Int8, Length: 256 }) return "QLookup T must be a constant int8 table of 256 values";
        return ctx.Node.Fused.Count > 0 ? "QLookup with fused post-ops" : null;
    }

    public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

    public void Emit(KernelContext ctx)
    {
        var w = ctx.Code;
        long n = Tensor.ElementCountOf(ctx.InputShape(0));
        w.Line($"/* QLookup '{CNames.Comment(ctx.Node.Name)}': y = T[x + 128] over {n} int8 values (a float op tabulated at lowering) */");
        w.Line($"const int8_t *t = {ctx.In(1)} + 128;");
        w.Line($"const int8_t *x = {ctx.In(0)};");
        w.Line($"int8_t *y = {ctx.Out(0)};");
        long quads = n / 4;
        if (quads > 0)
        {
            if (quads > 1) w.Line("long i;");
            using (quads > 1 ? w.Block($"for (i = 0; i < {quads}L; i++)") : w.Scope())
            {
                w.Line("const int8_t x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];");
                w.Line("y[0] = t[x0]; y[1] = t[x1]; y[2] = t[x2]; y[3] = t[x3];");
                if (quads > 1 || n % 4 > 0) w.Line("x += 4;").Line("y += 4;");
            }
        }
        for (long r = 0; r < n % 4; r++) w.Line($"y[{r}] = t[x[{r}]];");
    }
}
