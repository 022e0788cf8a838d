using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Activation;

/// <summary>
/// Elementwise unary ops: one loop writing f(x[i]), in place when the planner allows it.
/// Transcendental functions use the portable helpers (no libm). Float32 only, except
/// Relu, Neg and Abs, which also take signed integers.
/// </summary>
public sealed class UnaryEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters()
    {
        // The activations PostOps knows are written by it, so a fused and a standalone Tanh give the same bits.
        foreach (var op in new[] { "Relu", "LeakyRelu", "Tanh", "Sigmoid", "HardSigmoid", "Clip" })
            yield return new Unary(op, op == "Relu", (ctx, v) => PostOps.Apply(ctx, ctx.Node, v));
        yield return new Unary("Exp", false, (ctx, v) => $"{ctx.UseHelper("exp")}({v})");
        yield return new Unary("Log", false, (ctx, v) => $"{ctx.UseHelper("log")}({v})");
        yield return new Unary("Sqrt", false, (ctx, v) => $"{ctx.UseHelper("sqrt")}({v})");
        yield return new Unary("Erf", false, (ctx, v) => $"{ctx.UseHelper("erf")}({v})");
        yield return new Unary("Reciprocal", false, (_, v) => $"1.0f / {v}");
        yield return new Unary("Neg", true, (_, v) => $"-{v}");
        yield return new Unary("Abs", true, (_, v) => $"({v} < 0 ? -{v} : {v})");
    }

    private sealed class Unary(string opType, bool signedIntegers, Func<KernelContext, string, string> expression) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            var t = ctx.InputType(0);
            bool ok = t == DataType.Float32 || signedIntegers && t is DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64;
            if (!ok) return $"{opType} supports {(signedIntegers ? "float32 and signed integers" : "float32")} only, got {t.OnnxName()}";
            if (t != DataType.Float32 && ctx.Node.Fused.Count > 0) return "fused post-ops on an integer tensor";
            var own = opType == "Clip" ? PostOps.CheckSupported(ctx, ctx.Node) : null;
            return own ?? ctx.Node.Fused.Select(f => PostOps.CheckSupported(ctx, f)).FirstOrDefault(why => why != null);
        }

        public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

        public void Emit(KernelContext ctx)
        {
            var t = ctx.InputType(0).CType();
            long n = Tensor.ElementCountOf(ctx.InputShape(0));
            var w = ctx.Code;
            var expr = t == "float" ? expression(ctx, "v") : IntegerExpression("v");
            w.Line("long i;");
            using (w.Block($"for (i = 0; i < {n}L; i++)"))
            {
                w.Line($"{t} v = {ctx.In(0)}[i];");
                w.Line($"v = {expr};");
                foreach (var post in ctx.Node.Fused) w.Line($"v = {PostOps.Apply(ctx, post, "v")};");
                w.Line($"{ctx.Out(0)}[i] = v;");
            }
        }

        private string IntegerExpression(string v) => opType switch
        {
            "Relu" => $"({v} > 0 ? {v} : 0)",
            "Neg" => $"-{v}",
            _ => $"({v} < 0 ? -{v} : {v})",
        };
    }
}
