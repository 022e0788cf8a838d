using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// DequantizeLinear: y = (x - zero_point) * scale in float, from int8, uint8, int16 or int32 (biases),
/// per tensor or per axis; the same float operations as the reference, so the same bits.
/// </summary>
public sealed class DequantizeLinearEmitter : IKernelEmitter
{
    public string OpType => "DequantizeLinear";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) is not (DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.Int32)) return "DequantizeLinear input must be int8, uint8, int16 or int32";
        return QuantAxisLoops.CheckParams(ctx);
    }

    public void Emit(KernelContext ctx)
    {
        var w = ctx.Code;
        bool wide = ctx.InputType(0) == DataType.Int32;
        w.Line($"/* DequantizeLinear '{CNames.Comment(ctx.Node.Name)}': float = (x - zero_point) * scale */");
        // int32 - zero point can leave int32: subtract in 64 bits, then round to float once, as the reference does.
        QuantAxisLoops.Write(ctx, (x, y, scale, zero) =>
            w.Line(wide ? $"{y} = (float)((int64_t){x} - {zero}) * {scale};" : $"{y} = (float)({x} - {zero}) * {scale};"));
    }
}
