using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Pool;

/// <summary>GlobalAveragePool and GlobalMaxPool on float: one value per (N, C) plane of any spatial rank.</summary>
public sealed class GlobalPoolEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new GlobalPool(average: true), new GlobalPool(average: false) };

    private sealed class GlobalPool(bool average) : IKernelEmitter
    {
        public string OpType => average ? "GlobalAveragePool" : "GlobalMaxPool";

        public string? CheckSupported(KernelContext ctx) =>
            ctx.InputType(0) != DataType.Float32 ? $"{OpType} on {ctx.InputType(0).OnnxName()} (only float)"
            : ctx.InputShape(0).Length < 3 ? $"{OpType} needs rank 3 or more"
            : ctx.Node.Fused.Count > 0 ? $"{OpType} with fused post-ops" : null;

        public void Emit(KernelContext ctx)
        {
            var x = ctx.InputShape(0);
            var w = ctx.Code;
            w.Line($"/* {OpType} '{CNames.Comment(ctx.Node.Name)}': [{string.Join("x", x)}] -> [{string.Join("x", ctx.OutputShape(0))}] */");
            w.Line($"enum {{ PLANES = {x[0] * x[1]}, PLANE_SIZE = {Tensor.ElementCountOf(x[2..])} }};");
            w.Line($"const float *x = {ctx.In(0)};");
            w.Line($"float *y = {ctx.Out(0)};");
            using (w.Block("for (int p = 0; p < PLANES; p++)"))
            {
                w.Line("const float *xp = x + p * PLANE_SIZE;");
                if (average)
                {
                    w.Line("float s = 0.0f;");
                    w.Line("for (int i = 0; i < PLANE_SIZE; i++) s += xp[i];");
                    w.Line("y[p] = s / (float)PLANE_SIZE;");
                }
                else
                {
                    w.Line("float m = xp[0];");
                    w.Line("for (int i = 1; i < PLANE_SIZE; i++) if (xp[i] > m) m = xp[i];");
                    w.Line("y[p] = m;");
                }
            }
        }
    }
}
