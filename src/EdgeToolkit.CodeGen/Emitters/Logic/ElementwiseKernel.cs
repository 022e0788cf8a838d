using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>
/// An elementwise op over one or two broadcasting inputs: typed pointers x (unary) or a and b
/// (binary) and y, then the ElementLoop. The element is written by a statement callback so ops
/// that need several statements (Mod on floats) fit the same frame. The output may overwrite
/// input 0 when they have the same shape and type: each element is read before it is written.
/// </summary>
internal sealed class ElementwiseKernel(string opType, Func<DataType, bool> acceptsType, string typeNames,
    Action<KernelContext, CWriter, string[], string> element, Func<KernelContext, string?>? checkAttributes = null,
    Func<KernelContext, string>? detail = null) : IKernelEmitter
{
    public string OpType => opType;

    /// <summary>An op whose element is one C expression of the operand elements.</summary>
    public static ElementwiseKernel Expression(string opType, Func<DataType, bool> acceptsType, string typeNames,
        Func<KernelContext, string[], string> expression, Func<KernelContext, string?>? checkAttributes = null, Func<KernelContext, string>? detail = null) =>
        new(opType, acceptsType, typeNames, (ctx, w, a, y) => w.Line($"{y} = {expression(ctx, a)};"), checkAttributes, detail);

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.Node.Fused.Count > 0) return $"{opType} with fused post-ops";
        for (int i = 0; i < ctx.Node.Inputs.Count; i++)
            if (!acceptsType(ctx.InputType(i))) return $"{opType} supports {typeNames}, input {i} is {ctx.InputType(i).OnnxName()}";
        if (ctx.Node.Inputs.Count == 2 && ctx.InputType(0) != ctx.InputType(1)) return $"{opType} needs inputs of one type";
        return checkAttributes?.Invoke(ctx);
    }

    public KernelMemory Memory(KernelContext ctx) =>
        ctx.InputType(0).SizeOf() == ctx.OutputType(0).SizeOf() && ctx.InputShape(0).SequenceEqual(ctx.OutputShape(0)) ? KernelMemory.InPlace : KernelMemory.Separate;

    public void Emit(KernelContext ctx)
    {
        var w = ctx.Code;
        DataMovement.Header(ctx, detail?.Invoke(ctx) ?? "");
        var names = ctx.Node.Inputs.Count == 1 ? new[] { "x" } : new[] { "a", "b" };
        var operands = new List<(string, int[])>();
        for (int i = 0; i < names.Length; i++)
        {
            w.Line($"const {ctx.InputType(i).CType()} *{names[i]} = {ctx.In(i)};");
            operands.Add((names[i], ElementLoop.OperandShape(ctx, i)));
        }
        w.Line($"{ctx.OutputType(0).CType()} *y = {ctx.Out(0)};");
        ElementLoop.Write(w, ctx.OutputShape(0), operands, "y", (a, y) => element(ctx, w, a, y));
    }
}
