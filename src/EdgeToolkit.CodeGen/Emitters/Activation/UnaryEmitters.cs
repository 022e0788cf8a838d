using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Activation;

/// <summary>
/// Elementwise unary ops: one loop writing f(x[i]), in place when the planner allows it (on host
/// and AArch64, exp, erf, tanh and sigmoid copy x to the output first, see CopyFirst).
/// Transcendental functions use the portable helpers (no libm). Float32, and signed integers
/// for the ops that have an integer form (Relu, Neg, Abs, Sign, Clip).
/// </summary>
public sealed class UnaryEmitters : IKernelEmitterProvider
{
    private const float SeluAlpha = 1.67326319217681884765625f, SeluGamma = 1.05070102214813232421875f;

    public IEnumerable<IKernelEmitter> Emitters()
    {
        // The activations PostOps knows are written by it, so a fused and a standalone Tanh give the same bits.
        foreach (var op in new[] { "LeakyRelu", "Tanh", "Sigmoid", "HardSigmoid" })
            yield return new Unary(op, (ctx, v) => PostOps.Apply(ctx, ctx.Node, v));
        yield return new Unary("Relu", (ctx, v) => PostOps.Apply(ctx, ctx.Node, v), (_, v) => $"({v} > 0 ? {v} : 0)");
        yield return new Unary("Clip", ClipFloat, ClipInteger);
        foreach (var op in new[] { "Exp", "Log", "Sqrt", "Erf", "Floor", "Ceil", "Round", "Softplus",
                     "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh" })
            yield return new Unary(op, (ctx, v) => $"{ctx.UseHelper(op.ToLowerInvariant())}({v})");
        yield return new Unary("Reciprocal", (_, v) => $"1.0f / {v}");
        yield return new Unary("Neg", (_, v) => $"-{v}", (_, v) => $"-{v}");
        yield return new Unary("Abs", (_, v) => $"({v} < 0 ? -{v} : {v})", (_, v) => $"({v} < 0 ? -{v} : {v})");
        // 0 and NaN stay as they are.
        yield return new Unary("Sign", (_, v) => $"({v} > 0.0f ? 1.0f : {v} < 0.0f ? -1.0f : {v})", (_, v) => $"({v} > 0 ? 1 : {v} < 0 ? -1 : 0)");
        yield return new Unary("Softsign", (_, v) => $"{v} / (1.0f + ({v} < 0.0f ? -{v} : {v}))");
        yield return new Unary("Elu", (ctx, v) => $"({v} >= 0.0f ? {v} : {F(ctx.Node.GetFloat("alpha", 1f))} * ({ctx.UseHelper("exp")}({v}) - 1.0f))");
        yield return new Unary("Celu", (ctx, v) =>
        {
            var a = F(ctx.Node.GetFloat("alpha", 1f));
            return $"({v} > 0.0f ? {v} : {a} * ({ctx.UseHelper("exp")}({v} / {a}) - 1.0f))";
        });
        yield return new Unary("Selu", (ctx, v) =>
        {
            string a = F(ctx.Node.GetFloat("alpha", SeluAlpha)), g = F(ctx.Node.GetFloat("gamma", SeluGamma));
            return $"({v} > 0.0f ? {g} * {v} : {g} * ({a} * {ctx.UseHelper("exp")}({v}) - {a}))";
        });
        yield return new Unary("HardSwish", (_, v) => $"{v} * {Clamp($"({v} / 6.0f + 0.5f)", "0.0f", "1.0f")}");
        yield return new Unary("Shrink", (ctx, v) =>
        {
            string l = F(ctx.Node.GetFloat("lambd", 0.5f)), b = F(ctx.Node.GetFloat("bias", 0f));
            return $"({v} < -{l} ? {v} + {b} : {v} > {l} ? {v} - {b} : 0.0f)";
        });
    }

    private static string F(float v) => CNames.Float(v);

    /// <summary>min(max(v, lo), hi): every value becomes hi when lo > hi, as the spec says. Null bounds are open.</summary>
    private static string Clamp(string v, string? lo, string? hi)
    {
        var low = lo == null ? v : $"({v} < {lo} ? {lo} : {v})";
        return hi == null ? low : $"({low} > {hi} ? {hi} : {low})";
    }

    /// <summary>Constant bounds go through PostOps (same bits as a fused Clip); bounds that are graph inputs are read at run time.</summary>
    private static string ClipFloat(KernelContext ctx, string v) =>
        PostOps.CheckSupported(ctx, ctx.Node) == null ? PostOps.Apply(ctx, ctx.Node, v) : Clamp(v, ClipBound(ctx, 1), ClipBound(ctx, 2));

    private static string ClipInteger(KernelContext ctx, string v) => Clamp(v, ClipBound(ctx, 1), ClipBound(ctx, 2));

    private static string? ClipBound(KernelContext ctx, int input)
    {
        if (!ctx.HasInput(input)) return null;
        if (ctx.Constant(input) is not { } c) return $"{ctx.In(input)}[0]";
        return ctx.InputType(0) == DataType.Float32 ? F((float)c.GetDouble(0)) : c.GetInt64(0).ToString(CultureInfo.InvariantCulture);
    }

    private sealed class Unary(string opType, Func<KernelContext, string, string> floatExpression,
        Func<KernelContext, string, string>? integerExpression = null) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            var t = ctx.InputType(0);
            bool ok = t == DataType.Float32 || integerExpression != null && t is DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64;
            if (!ok) return $"{opType} supports {(integerExpression != null ? "float32 and signed integers" : "float32")} only, got {t.OnnxName()}";
            if (t != DataType.Float32 && ctx.Node.Fused.Count > 0) return "fused post-ops on an integer tensor";
            return ctx.Node.Fused.Select(f => PostOps.CheckSupported(ctx, f)).FirstOrDefault(why => why != null);
        }

        public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

        public void Emit(KernelContext ctx)
        {
            var t = ctx.InputType(0).CType();
            long n = Tensor.ElementCountOf(ctx.InputShape(0));
            var w = ctx.Code;
            var expr = t == "float" ? floatExpression(ctx, "v") : integerExpression!(ctx, "v");
            var source = ctx.In(0);
            w.Line("long i;");
            if (CopyFirst(ctx))
            {
                // GCC -O2 never adds the run-time alias check that vectorising in -> out would need
                // (the output may be the input, in place): copy, then f over one buffer vectorises.
                using (w.Block($"if ((const {t} *){ctx.Out(0)} != {source})"))
                    w.Line($"for (i = 0; i < {n}L; i++) {ctx.Out(0)}[i] = {source}[i];");
                source = ctx.Out(0);
            }
            using (w.Block($"for (i = 0; i < {n}L; i++)"))
            {
                w.Line($"{t} v = {source}[i];");
                w.Line($"v = {expr};");
                foreach (var post in ctx.Node.Fused) w.Line($"v = {PostOps.Apply(ctx, post, "v")};");
                w.Line($"{ctx.Out(0)}[i] = v;");
            }
        }

        /// <summary>
        /// The branch-free helpers are worth an extra copy where there are vector units; cheap ops
        /// (and a Cortex-M, which has none) keep the single loop.
        /// </summary>
        private bool CopyFirst(KernelContext ctx) =>
            ctx.Target.Name is "host" or "aarch64" && opType is "Exp" or "Erf" or "Tanh" or "Sigmoid";
    }
}
