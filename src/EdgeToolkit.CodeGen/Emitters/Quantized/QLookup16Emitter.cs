using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Quantized;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// QLookup16 (edgetk): an elementwise float op on int16 values as 512 table segments with linear
/// interpolation between the ends (int32, in 1/128 output steps) and a parabola per segment (the
/// arithmetic of QLookup16Operator, line for line). Each element's input is read before its
/// output is written, so it may run in place.
/// </summary>
public sealed class QLookup16Emitter : IKernelEmitter
{
    public string OpType => "QLookup16";
    public string Domain => "edgetk";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Int16 || ctx.OutputType(0) != DataType.Int16) return "QLookup16 input and output must be int16";
        if (ctx.Constant(1) is not { Type: DataType.Int32, Length: QLookup16Operator.TableLength } t)
            return $"QLookup16 T must be a constant int32 table of {QLookup16Operator.TableLength} values";
        // The kernel's int32 sums stay in range only for entries within the int16 range (in 1/128 steps).
        if (t.Int32s.Any(v => v is < short.MinValue * 128 or > short.MaxValue * 128)) return "QLookup16 T values must lie in the int16 range (in 1/128 steps)";
        if (ctx.Constant(2) is not { Type: DataType.Int16, Length: QLookup16Operator.Segments })
            return $"QLookup16 C must be a constant int16 table of {QLookup16Operator.Segments} values";
        return ctx.Node.Fused.Count > 0 ? "QLookup16 with fused post-ops" : null;
    }

    public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

    public void Emit(KernelContext ctx)
    {
        var w = ctx.Code;
        long n = Tensor.ElementCountOf(ctx.InputShape(0));
        w.Line($"/* QLookup16 '{CNames.Comment(ctx.Node.Name)}': a float op tabulated at lowering over {n} int16 values: u = x + 32768 picks segment " +
               "i = u >> 7 at f = u & 127; the ends t[i], t[i+1] (1/128 output steps) are interpolated and the segment's parabola " +
               "c[i] f (128 - f) / 128 added, in 1/16384 steps, then rounded half up and saturated */");
        w.Line($"const int32_t *const t = {ctx.In(1)};");
        w.Line($"const int16_t *const c = {ctx.In(2)};");
        w.Line($"const int16_t *x = {ctx.In(0)};");
        w.Line($"int16_t *y = {ctx.Out(0)};");
        w.Line("long i;");
        using (w.Block($"for (i = 0; i < {n}L; i++)"))
        {
            w.Line("const int32_t u = (int32_t)x[i] + 32768, s = u >> 7, f = u & 127;");
            w.Line("const int32_t v = t[s] * (128 - f) + t[s + 1] * f + ((c[s] * f * (128 - f)) >> 7);");
            w.Line($"y[i] = (int16_t){ctx.UseHelper("sat_s16")}((v + 8192) >> 14);");
        }
    }
}
