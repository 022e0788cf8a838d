using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

/// <summary>
/// What the RNN, GRU and LSTM emitters share: the checks, scratch and MAC figures, and the
/// kernel skeleton (RecurrentKernel). Each op writes its own time step.
/// </summary>
public abstract class RecurrentEmitter : IKernelEmitter
{
    internal abstract RecurrentKind Kind { get; }
    public string OpType => Kind.OpType;
    public virtual string Domain => "";

    /// <summary>The edgetk variant: int8 W and R with per-row float scales after the ONNX inputs (RecurrentWeightsLoweringRule).</summary>
    internal virtual bool Int8Weights => false;

    /// <summary>The gate order, for the kernel's comment.</summary>
    private protected abstract string GateNames { get; }

    /// <summary>Writes one time step of direction d: gate sums, then the update of h (and c).</summary>
    private protected abstract void WriteStep(RecurrentKernel k, int d);

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.Node.Fused.Count > 0) return $"{OpType} with fused post-ops";
        for (int i = 0; i < ctx.Node.Inputs.Count; i++)
        {
            if (!ctx.HasInput(i)) continue;
            var want = i == RecurrentInputs.SequenceLens ? DataType.Int32
                : Int8Weights && i is RecurrentInputs.W or RecurrentInputs.R ? DataType.Int8 : DataType.Float32;
            if (ctx.InputType(i) != want) return $"{OpType} input {i} is {ctx.InputType(i).OnnxName()}; the C kernel takes {want.OnnxName()}";
        }
        return RecurrentAttributes.Check(ctx.Node, Kind);
    }

    public long ScratchBytes(KernelContext ctx) => new RecurrentKernel(ctx, Kind, Int8Weights).ScratchBytes;

    public long Macs(KernelContext ctx) => new RecurrentKernel(ctx, Kind, Int8Weights).Macs;

    public void Emit(KernelContext ctx) => new RecurrentKernel(ctx, Kind, Int8Weights).Write(GateNames, WriteStep);
}
