using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters;

/// <summary>How a kernel's output relates to its first input's memory (the planner uses it).</summary>
public enum KernelMemory
{
    /// <summary>Output needs its own buffer.</summary>
    Separate,
    /// <summary>Output may overwrite input 0's buffer when input 0 dies at this node (same byte size, elementwise).</summary>
    InPlace,
    /// <summary>Output is input 0's bytes reinterpreted (Reshape, Flatten, Squeeze, Unsqueeze, Identity): no code, no buffer.</summary>
    Alias,
}

/// <summary>
/// Writes the C for one operator. One emitter per op (or op family) under Emitters/, found by
/// reflection like the evaluator's operators: every non-abstract IKernelEmitter with a public
/// parameterless constructor, plus every IKernelEmitterProvider.
/// </summary>
public interface IKernelEmitter
{
    string OpType { get; }
    string Domain => "";

    /// <summary>Why this node (types, attributes, fused post-ops) cannot be emitted, or null.</summary>
    string? CheckSupported(KernelContext ctx) => null;

    KernelMemory Memory(KernelContext ctx) => KernelMemory.Separate;

    /// <summary>Bytes of scratch the kernel needs besides its inputs and outputs (planned in the arena).</summary>
    long ScratchBytes(KernelContext ctx) => 0;

    /// <summary>Multiply-accumulates of one run, for reports and the model header.</summary>
    long Macs(KernelContext ctx) => 0;

    /// <summary>Writes the kernel body into ctx.Code (it is wrapped in its own function by the model writer).</summary>
    void Emit(KernelContext ctx);
}

public interface IKernelEmitterProvider
{
    IEnumerable<IKernelEmitter> Emitters();
}
