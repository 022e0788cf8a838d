using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// Ops whose output is their input's bytes under another shape: Flatten, Reshape, Squeeze,
/// Unsqueeze, Identity and inference Dropout. No code and no buffer: the planner aliases them.
/// </summary>
public sealed class AliasEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() =>
        new[] { "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout" }.Select(op => (IKernelEmitter)new Alias(op));

    private sealed class Alias(string opType) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            if (ctx.Node.Fused.Count > 0) return $"{opType} with fused post-ops";
            if (opType == "Dropout" && ctx.Node.Outputs.Skip(1).Any(o => o.Length > 0)) return "Dropout mask output is not supported";
            // Dropout is the identity only at inference: training_mode (input 2, opset 12+) must be absent or a constant false.
            if (opType == "Dropout" && ctx.HasInput(2) && (ctx.Constant(2) is not { Length: 1 } mode || mode.GetInt64(0) != 0))
                return "Dropout in training mode";
            if (ctx.InputType(0) != ctx.OutputType(0)) return $"{opType} changes the element type";
            return Tensor.ElementCountOf(ctx.InputShape(0)) == Tensor.ElementCountOf(ctx.OutputShape(0))
                ? null : $"{opType} changes the element count";
        }

        public KernelMemory Memory(KernelContext ctx) => KernelMemory.Alias;

        public void Emit(KernelContext ctx) =>
            ctx.Code.Line($"/* {opType} '{CNames.Comment(ctx.Node.Name)}': [{string.Join("x", ctx.InputShape(0))}] -> " +
                          $"[{string.Join("x", ctx.OutputShape(0))}] reuses its input's bytes: no code */");
    }
}
