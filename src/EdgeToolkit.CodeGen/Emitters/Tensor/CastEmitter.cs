using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>Cast between float, double, bool and integer types with C conversion rules (float to int truncates).</summary>
public sealed class CastEmitter : IKernelEmitter
{
    public string OpType => "Cast";

    public string? CheckSupported(KernelContext ctx) =>
        DataMovement.CheckType(ctx, ctx.InputType(0)) ?? DataMovement.CheckType(ctx, ctx.OutputType(0));

    public void Emit(KernelContext ctx)
    {
        var to = ctx.OutputType(0);
        DataMovement.Header(ctx, $"{ctx.InputType(0).OnnxName()} to {to.OnnxName()}");
        ctx.Code.Line($"enum {{ COUNT = {Tensor.ElementCountOf(ctx.InputShape(0))} }};");
        DataMovement.Pointers(ctx);
        string value = to == DataType.Bool ? "(uint8_t)(x[i] != 0)" : $"({to.CType()})x[i]";
        ctx.Code.Line($"for (int i = 0; i < COUNT; i++) y[i] = {value};");
    }
}
