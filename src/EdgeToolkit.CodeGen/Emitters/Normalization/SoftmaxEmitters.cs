using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Normalization;

/// <summary>
/// Softmax and LogSoftmax, numerically stable: the maximum of each row is subtracted before the
/// exponential. Opset 13+ normalises along one axis; older opsets over every dim from axis on
/// (the input flattened to 2-D). Each element is read before it is written, so in place is safe.
/// A row's maximum and sum run in 8 lanes (SoftmaxLanes).
/// </summary>
public sealed class SoftmaxEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new Softmax("Softmax"), new Softmax("LogSoftmax") };

    private sealed class Softmax(string opType) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx) =>
            ctx.InputType(0) != DataType.Float32 ? $"{opType} supports float32 only"
            : ctx.Node.Fused.Count > 0 ? $"{opType} with fused post-ops" : null;

        public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

        public static (long Outer, long Length, long Inner) Geometry(KernelContext ctx)
        {
            var shape = ctx.InputShape(0);
            int rank = shape.Length;
            bool legacy = ctx.Graph.Opset < 13;
            long axis = ctx.Node.GetInt("axis", legacy ? 1 : -1);
            if (axis < 0) axis += rank;
            axis = Math.Clamp(axis, 0, Math.Max(0, rank - 1));
            long outer = shape.Take((int)axis).Aggregate(1L, (p, d) => p * d);
            if (legacy) return (outer, shape.Skip((int)axis).Aggregate(1L, (p, d) => p * d), 1);
            return (outer, rank == 0 ? 1 : shape[axis], shape.Skip((int)axis + 1).Aggregate(1L, (p, d) => p * d));
        }

        public void Emit(KernelContext ctx)
        {
            var (outer, n, inner) = Geometry(ctx);
            var exp = ctx.UseHelper("exp");
            var w = ctx.Code;
            string At(string p, string k = "k") => inner == 1 ? $"{p}[{k}]" : $"{p}[{(k.Contains(' ') ? $"({k})" : k)} * {inner}]";
            w.Line("long o, i, k;");
            using (w.Block($"for (o = 0; o < {outer}L; o++)"))
            using (w.Block($"for (i = 0; i < {inner}L; i++)"))
            {
                w.Line($"const float *x = {ctx.In(0)} + o * {n * inner} + i;");
                w.Line($"float *y = {ctx.Out(0)} + o * {n * inner} + i;");
                w.Line(opType == "Softmax" ? "float max, sum;" : "float max, sum, shift;");
                using (w.Scope()) SoftmaxLanes.Max(w, n, k => At("x", k), "max");
                // x - max into y, then the exponential over y alone (y may be x, in place): a
                // loop GCC vectorises, which it could not inside the sum.
                w.Line($"for (k = 0; k < {n}L; k++) {At("y")} = {At("x")} - max;");
                if (opType == "Softmax")
                {
                    w.Line($"for (k = 0; k < {n}L; k++) {At("y")} = {exp}({At("y")});");
                    using (w.Scope()) SoftmaxLanes.Sum(w, n, k => At("y", k), "sum");
                    w.Line($"for (k = 0; k < {n}L; k++) {At("y")} = {At("y")} / sum;");
                }
                else
                {
                    using (w.Scope()) SoftmaxLanes.Sum(w, n, k => $"{exp}({At("y", k)})", "sum");
                    // (x - max) - log(sum), never x - (max + log(sum)): for large logits max + log(sum)
                    // would round away the log term (test_logsoftmax_large_number).
                    w.Line($"shift = {ctx.UseHelper("log")}(sum);");
                    w.Line($"for (k = 0; k < {n}L; k++) {At("y")} = {At("y")} - shift;");
                }
            }
        }
    }
}
