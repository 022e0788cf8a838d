using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.ArgReduce;

/// <summary>
/// ArgMax and ArgMin along one axis: int64 indices, keepdims only changes the shape (the bytes
/// are the same). Ties go to the first index, or the last with select_last_index=1; a NaN is
/// never better than what is kept, as in the reference.
/// </summary>
public sealed class ArgMinMaxEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new Arg("ArgMax", ">"), new Arg("ArgMin", "<") };

    private sealed class Arg(string opType, string better) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            var t = ctx.InputType(0);
            if (!t.IsInteger() && t != DataType.Float32) return $"{opType} on {t.OnnxName()} is not supported";
            var x = ctx.InputShape(0);
            if (x.Length == 0) return $"{opType} of a scalar";
            if (x[DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length)] == 0) return $"{opType} over an empty axis has no answer";
            return ctx.Node.Fused.Count > 0 ? $"{opType} with fused post-ops" : null;
        }

        public void Emit(KernelContext ctx)
        {
            var x = ctx.InputShape(0);
            int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
            bool last = ctx.Node.GetInt("select_last_index", 0) != 0;
            long outer = Tensor.ElementCountOf(x[..axis]), inner = Tensor.ElementCountOf(x[(axis + 1)..]);
            var w = ctx.Code;
            DataMovement.Header(ctx, $"axis {axis}, keepdims {ctx.Node.GetInt("keepdims", 1)}" + (last ? ", last index on ties" : ""));
            w.Line($"enum {{ OUTER = {outer}, AXIS_LEN = {x[axis]}, INNER = {inner} }};");
            w.Line($"const {ctx.InputType(0).CType()} *x = {ctx.In(0)};");
            w.Line($"int64_t *y = {ctx.Out(0)};");
            using (w.Block("for (long o = 0; o < OUTER; o++)"))
            using (w.Block("for (long i = 0; i < INNER; i++)"))
            {
                w.Line("const long start = o * AXIS_LEN * INNER + i;");
                w.Line("long best = 0;");
                using (w.Block("for (long k = 1; k < AXIS_LEN; k++)"))
                {
                    w.Line($"const {ctx.InputType(0).CType()} v = x[start + k * INNER], kept = x[start + best * INNER];");
                    // With select_last_index an equal value also moves the answer on (a NaN still never does).
                    w.Line($"if (v {better}{(last ? "=" : "")} kept) best = k;");
                }
                w.Line("y[o * INNER + i] = (int64_t)best;");
            }
        }
    }
}
