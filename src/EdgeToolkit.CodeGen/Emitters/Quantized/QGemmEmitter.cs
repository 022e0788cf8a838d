using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// QGemm (edgetk, Graph/Ops/Quantized/README.md): int8 (or int16: 16x8) rows times constant int8
/// weights, int32 sums from the folded bias, requantised per output channel to the rows' type. Cores with the DSP
/// extension take QGemmDspKernel (SMLAD, two multiply-adds per instruction, with the portable loop
/// under #else); the others QGemmRowKernel. Both give the bits of the reference evaluator.
/// </summary>
public sealed class QGemmEmitter : IKernelEmitter
{
    public string OpType => "QGemm";
    public string Domain => "edgetk";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.Node.Inputs.Count != 5) return "QGemm takes X, W, B, M and S";
        if (ctx.InputType(0) is not (DataType.Int8 or DataType.Int16) || ctx.OutputType(0) != ctx.InputType(0)) return "QGemm input and output must be both int8 or both int16";
        if (ctx.Constant(1) is not { Type: DataType.Int8, Rank: 2 } w) return "QGemm W must be a constant int8 [N, K]";
        for (int i = 2; i < 5; i++)
            if (ctx.Constant(i) is not { Type: DataType.Int32 } t || t.Length != w.Shape[0])
                return $"QGemm input {i} must be a constant int32 with one value per output channel";
        if (ctx.Node.Fused.Count > 0) return "QGemm with fused post-ops";
        if (w.Shape[1] == 0 || ctx.InputShape(0)[^1] != w.Shape[1]) return "QGemm X must end in W's K (> 0)";
        return null;
    }

    /// <summary>The DSP kernel widens each int8 input row to int16 pairs once: K rounded up to 4, two bytes each.</summary>
    public long ScratchBytes(KernelContext ctx) => ctx.Target.HasDsp ? QGemmDspKernel.ScratchBytes(ctx, QGemmProblem.From(ctx)) : 0;

    public long Macs(KernelContext ctx)
    {
        var p = QGemmProblem.From(ctx);
        return (long)p.Rows * p.N * p.K;
    }

    public void Emit(KernelContext ctx)
    {
        var p = QGemmProblem.From(ctx);
        if (ctx.Target.HasDsp) new QGemmDspKernel(ctx, p).Write();
        else new QGemmRowKernel(ctx, p).Write();
    }
}
