using EdgeToolkit.CodeGen.Emitters.Elementwise;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// What QAdd and QMul share: int8 operands with numpy broadcasting (BroadcastLoop), an int8 result
/// written in place over A when the shapes allow, each element one expression of integer
/// arithmetic, requantisation (Requantization) and saturation.
/// </summary>
public abstract class QuantizedBinaryEmitter : IKernelEmitter
{
    public abstract string OpType { get; }
    public string Domain => "edgetk";

    public virtual string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Int8 || ctx.InputType(1) != DataType.Int8 || ctx.OutputType(0) != DataType.Int8)
            return $"{OpType} takes and gives int8";
        return ctx.Node.Fused.Count > 0 ? $"{OpType} with fused post-ops" : null;
    }

    public KernelMemory Memory(KernelContext ctx) =>
        ctx.InputShape(0).SequenceEqual(ctx.OutputShape(0)) ? KernelMemory.InPlace : KernelMemory.Separate;

    /// <summary>The int32 result before saturation, from the two int8 operands' C expressions.</summary>
    protected abstract string Element(KernelContext ctx, string a, string b);

    /// <summary>A line describing the arithmetic, for the kernel's header comment.</summary>
    protected abstract string Describe(KernelContext ctx);

    protected static int Attribute(KernelContext ctx, string name) => (int)ctx.Node.GetInt(name, 0);

    public void Emit(KernelContext ctx)
    {
        int min = (int)ctx.Node.GetInt("act_min", -128), max = (int)ctx.Node.GetInt("act_max", 127);
        ctx.Code.Line($"/* {OpType} '{CNames.Comment(ctx.Node.Name)}': [{string.Join("x", ctx.InputShape(0))}], [{string.Join("x", ctx.InputShape(1))}] -> " +
                      $"[{string.Join("x", ctx.OutputShape(0))}] int8; {Describe(ctx)} */");
        var operands = new[] { new Operand(ctx.In(0), ctx.InputShape(0)), new Operand(ctx.In(1), ctx.InputShape(1)) };
        BroadcastLoop.Write(ctx.Code, ctx.OutputShape(0), operands, ctx.Out(0),
            args => $"(int8_t){Requantization.Saturate(ctx, Element(ctx, args[0], args[1]), min, max)}");
    }
}
