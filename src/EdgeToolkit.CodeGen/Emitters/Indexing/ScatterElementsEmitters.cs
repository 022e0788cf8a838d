using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// ScatterElements (and Scatter, its opset 9-10 name): y is a copy of x, then each update is stored
/// (or combined: add, mul, max, min) at its own coordinates with the one on axis replaced by its
/// index, in index order so later duplicates win as in the reference. May run in place on x.
/// </summary>
public sealed class ScatterElementsEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new ScatterElements("ScatterElements"), new ScatterElements("Scatter") };

    private sealed class ScatterElements(string opType) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx) =>
            IndexCode.CheckIndexType(ctx, 1) ?? ElementIndexing.CheckShapes(ctx, ctx.InputShape(1))
            ?? (ctx.InputShape(1).SequenceEqual(ctx.InputShape(2)) ? null : $"{opType} indices and updates must have the same shape")
            ?? Scatter.CheckReduction(ctx) ?? DataMovement.CheckType(ctx, ctx.InputType(0));

        public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

        public void Emit(KernelContext ctx)
        {
            var x = ctx.InputShape(0);
            var idx = ctx.InputShape(1);
            int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
            var w = ctx.Code;
            DataMovement.Header(ctx, $"axis {axis}, reduction {ctx.Node.GetString("reduction", "none")}");
            Scatter.CopyData(ctx);
            var (loops, index) = IndexCode.Loops(w, idx);
            var (at, target) = ElementIndexing.Positions(index, x, idx, axis);
            IndexCode.ReadIndex(w, "k", $"idx[{at}]", x[axis]);
            Scatter.Store(ctx, $"y[{target}]", $"upd[{at}]");
            IndexCode.Close(loops);
        }
    }
}

/// <summary>What ScatterElements and ScatterND share: the reductions, the copy of data, the combining store.</summary>
internal static class Scatter
{
    public static string? CheckReduction(KernelContext ctx)
    {
        var r = ctx.Node.GetString("reduction", "none");
        if (r is not ("none" or "add" or "mul" or "max" or "min")) return $"{ctx.Node.OpType} reduction '{r}' is not supported";
        var t = ctx.InputType(0);
        return r == "none" || t.IsInteger() || t == DataType.Float32 ? null : $"{ctx.Node.OpType} reduction {r} on {t.OnnxName()}";
    }

    /// <summary>
    /// Declares the constants (COUNT and extra ones), x, y, idx and upd, and copies x into y
    /// (skipped when the planner ran the kernel in place).
    /// </summary>
    public static void CopyData(KernelContext ctx, string extraConstants = "")
    {
        var w = ctx.Code;
        w.Line($"enum {{ COUNT = {Tensor.ElementCountOf(ctx.InputShape(0))}{extraConstants} }};");
        DataMovement.Pointers(ctx);
        w.Line($"const {ctx.InputType(1).CType()} *idx = {ctx.In(1)};");
        w.Line($"const {ctx.InputType(2).CType()} *upd = {ctx.In(2)};");
        w.Line("if ((const void *)y != (const void *)x) for (long j = 0; j < COUNT; j++) y[j] = x[j];");
    }

    public static void Store(KernelContext ctx, string target, string update)
    {
        var t = ctx.InputType(0);
        // Types narrower than int are promoted for + and *: cast the sum back.
        string Narrow(string e) => t.SizeOf() < 4 ? $"({t.CType()})({e})" : e;
        // A NaN update wins max and min, as Math.Max/Min in the reference (a NaN target stays).
        var nan = t == DataType.Float32 ? $" || {update} != {update}" : "";
        var value = ctx.Node.GetString("reduction", "none") switch
        {
            "add" => Narrow($"{target} + {update}"),
            "mul" => Narrow($"{target} * {update}"),
            "max" => $"({update} > {target}{nan} ? {update} : {target})",
            "min" => $"({update} < {target}{nan} ? {update} : {target})",
            _ => update,
        };
        ctx.Code.Line($"{target} = {value};");
    }
}
