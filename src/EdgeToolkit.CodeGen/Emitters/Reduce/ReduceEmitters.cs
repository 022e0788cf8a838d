using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Reduce;

namespace EdgeToolkit.CodeGen.Emitters.Reduce;

/// <summary>
/// Reduce* over constant axes (attribute, or constant input from the opset that moved them to an
/// input): loops over the kept dims outside, the reduced dims inside, one accumulator.
/// </summary>
public sealed class ReduceEmitters : IKernelEmitterProvider
{
    private sealed record Kind(string Init, Func<string, string, string> Combine, Func<KernelContext, string, long, string> Finish, bool FloatOnly);

    private static readonly Dictionary<string, Kind> Kinds = new()
    {
        ["ReduceSum"] = new("0", (a, v) => $"{a} + {v}", (_, a, _) => a, false),
        ["ReduceMean"] = new("0", (a, v) => $"{a} + {v}", (_, a, n) => $"{a} / {n}.0f", true),
        ["ReduceMax"] = new("first", (a, v) => $"({v} > {a} ? {v} : {a})", (_, a, _) => a, false),
        ["ReduceMin"] = new("first", (a, v) => $"({v} < {a} ? {v} : {a})", (_, a, _) => a, false),
        ["ReduceProd"] = new("1", (a, v) => $"{a} * {v}", (_, a, _) => a, false),
        ["ReduceSumSquare"] = new("0", (a, v) => $"{a} + {v} * {v}", (_, a, _) => a, false),
        ["ReduceL1"] = new("0", (a, v) => $"{a} + ({v} < 0 ? -{v} : {v})", (_, a, _) => a, false),
        ["ReduceL2"] = new("0", (a, v) => $"{a} + {v} * {v}", (ctx, a, _) => $"{ctx.UseHelper("sqrt")}({a})", true),
    };

    public IEnumerable<IKernelEmitter> Emitters() => Kinds.Select(k => (IKernelEmitter)new Reducer(k.Key, k.Value));

    private sealed class Reducer(string opType, Kind kind) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            var t = ctx.InputType(0);
            if (t != DataType.Float32 && (kind.FloatOnly || t is not (DataType.Int32 or DataType.Int64)))
                return $"{opType} supports float32{(kind.FloatOnly ? "" : ", int32 and int64")} only, got {t.OnnxName()}";
            if (ctx.Node.Fused.Count > 0) return $"{opType} with fused post-ops";
            if (ctx.HasInput(1) && ctx.Constant(1) == null) return $"{opType} with axes computed at run time";
            if (ctx.InputShape(0).Any(d => d == 0)) return $"{opType} of an empty tensor";
            return null;
        }

        public void Emit(KernelContext ctx)
        {
            var shape = ctx.InputShape(0);
            var reduced = ReduceAxes.Resolve(ctx.Node, ctx.Graph.Opset, shape.Length, ctx.Constant(1));
            var strides = Tensor.Strides(shape);
            var type = ctx.InputType(0).CType();
            long count = Enumerable.Range(0, shape.Length).Where(d => reduced[d]).Aggregate(1L, (p, d) => p * shape[d]);
            var w = ctx.Code;
            var kept = Enumerable.Range(0, shape.Length).Where(d => !reduced[d] && shape[d] > 1).ToList();
            var inner = Enumerable.Range(0, shape.Length).Where(d => reduced[d] && shape[d] > 1).ToList();
            var vars = kept.Concat(inner).Select(d => $"i{d}").ToList();
            w.Line($"long {string.Join(", ", vars.Prepend("o"))};");
            w.Line("o = 0;");
            var loops = kept.Select(d => w.Block($"for (i{d} = 0; i{d} < {shape[d]}L; i{d}++)")).ToList();
            var baseIndex = string.Join(" + ", kept.Select(d => $"i{d} * {strides[d]}").DefaultIfEmpty("0"));
            var init = kind.Init == "first" ? $"{ctx.In(0)}[{baseIndex}]" : kind.Init;
            w.Line($"{type} acc = {init};");
            var innerLoops = inner.Select(d => w.Block($"for (i{d} = 0; i{d} < {shape[d]}L; i{d}++)")).ToList();
            var index = string.Join(" + ", kept.Concat(inner).Select(d => $"i{d} * {strides[d]}").DefaultIfEmpty("0"));
            w.Line($"const {type} v = {ctx.In(0)}[{index}];");
            w.Line($"acc = {kind.Combine("acc", "v")};");
            for (int i = innerLoops.Count - 1; i >= 0; i--) innerLoops[i].Dispose();
            w.Line($"{ctx.Out(0)}[o++] = {kind.Finish(ctx, "acc", count)};");
            for (int i = loops.Count - 1; i >= 0; i--) loops[i].Dispose();
        }
    }
}
