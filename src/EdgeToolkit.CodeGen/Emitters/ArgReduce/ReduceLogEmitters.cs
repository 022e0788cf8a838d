using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Reduce;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.ArgReduce;

/// <summary>
/// ReduceLogSum and ReduceLogSumExp on float32 over constant axes (ReduceAxes, like the other
/// Reduce* kernels): kept dims loop outside, reduced dims inside. LogSumExp subtracts the maximum
/// before exp so large inputs do not overflow; an infinite or NaN maximum is the answer itself.
/// </summary>
public sealed class ReduceLogEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new ReduceLog("ReduceLogSum", exp: false), new ReduceLog("ReduceLogSumExp", exp: true) };

    private sealed class ReduceLog(string opType, bool exp) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx) =>
            ctx.InputType(0) != DataType.Float32 ? $"{opType} supports float32 only, got {ctx.InputType(0).OnnxName()}"
            : ctx.Node.Fused.Count > 0 ? $"{opType} with fused post-ops"
            : ctx.HasInput(1) && ctx.Constant(1) == null ? $"{opType} with axes computed at run time"
            : ctx.InputShape(0).Any(d => d == 0) ? $"{opType} of an empty tensor" : null;

        public void Emit(KernelContext ctx)
        {
            var shape = ctx.InputShape(0);
            var reduced = ReduceAxes.Resolve(ctx.Node, ctx.Graph.Opset, shape.Length, ctx.Constant(1));
            var strides = Tensor.Strides(shape);
            var kept = Enumerable.Range(0, shape.Length).Where(d => !reduced[d] && shape[d] > 1).ToList();
            var inner = Enumerable.Range(0, shape.Length).Where(d => reduced[d] && shape[d] > 1).ToList();
            string Index(IEnumerable<int> dims) => string.Join(" + ", dims.Select(d => strides[d] == 1 ? $"i{d}" : $"i{d} * {strides[d]}").DefaultIfEmpty("0"));
            var w = ctx.Code;
            var axes = Enumerable.Range(0, shape.Length).Where(d => reduced[d]);
            DataMovement.Header(ctx, $"axes [{string.Join(",", axes)}], keepdims {ctx.Node.GetInt("keepdims", 1)}");
            DataMovement.Pointers(ctx);
            var log = ctx.UseHelper("log");
            var expf = exp ? ctx.UseHelper("exp") : "";
            w.Line("long o = 0;");
            var loops = new Stack<IDisposable>();
            foreach (var d in kept) loops.Push(w.Block($"for (long i{d} = 0; i{d} < {shape[d]}L; i{d}++)"));
            var element = $"x[{Index(kept.Concat(inner))}]";
            if (exp)
            {
                w.Line($"float max = x[{Index(kept)}], sum = 0.0f;");
                InnerLoops(w, shape, inner, $"if ({element} > max || {element} != {element}) max = {element};");
                InnerLoops(w, shape, inner, $"sum += {expf}({element} - max);");
                w.Line($"y[o++] = max - max != 0.0f ? max : max + {log}(sum); /* +-inf or NaN: the maximum is the answer */");
            }
            else
            {
                w.Line("float sum = 0.0f;");
                InnerLoops(w, shape, inner, $"sum += {element};");
                w.Line($"y[o++] = {log}(sum);");
            }
            while (loops.Count > 0) loops.Pop().Dispose();
        }

        private static void InnerLoops(CWriter w, int[] shape, List<int> inner, string statement)
        {
            var loops = new Stack<IDisposable>();
            foreach (var d in inner) loops.Push(w.Block($"for (long i{d} = 0; i{d} < {shape[d]}L; i{d}++)"));
            w.Line(statement);
            while (loops.Count > 0) loops.Pop().Dispose();
        }
    }
}
