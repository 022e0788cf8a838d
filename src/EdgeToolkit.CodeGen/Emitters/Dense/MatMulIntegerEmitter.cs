using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// MatMulInteger (opset 10): int8/uint8 a and b with their zero points subtracted (per tensor, per
/// row of a, per column of b), exact int32 sums, MatMul's batching. The loops are
/// IntegerMatMulWriter's; a constant b (the weights of ONNX Runtime's dynamically quantized
/// models) stays 8-bit in flash.
/// </summary>
public sealed class MatMulIntegerEmitter : IKernelEmitter
{
    private static readonly IntegerMatMulInputs Inputs = new(A: 0, AZero: 2, B: 1, BZero: 3);

    public string OpType => "MatMulInteger";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.OutputType(0) != DataType.Int32 ? "MatMulInteger output must be int32" : IntegerMatMulWriter.Check(ctx, Inputs);

    public long ScratchBytes(KernelContext ctx) => IntegerMatMulWriter.ScratchBytes(ctx, Inputs);

    public long Macs(KernelContext ctx) => IntegerMatMulWriter.Macs(ctx, Inputs);

    public void Emit(KernelContext ctx)
    {
        ctx.Code.Line($"/* MatMulInteger '{CNames.Comment(ctx.Node.Name)}': int32 sums of (a - a_zero_point) * (b - b_zero_point) */");
        IntegerMatMulWriter.Write(ctx, Inputs, r => ctx.Code.Line($"{r.Y} = {r.Sum};"));
    }
}
