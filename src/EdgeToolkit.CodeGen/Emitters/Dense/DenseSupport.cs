using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>Checks shared by the dense emitters.</summary>
internal static class DenseSupport
{
    /// <summary>Float32 in and out, and only elementwise post-ops fused.</summary>
    public static string? Check(KernelContext ctx, int operands)
    {
        for (int i = 0; i < operands; i++)
            if (ctx.HasInput(i) && ctx.InputType(i) != DataType.Float32) return $"{ctx.Node.OpType} supports float32 only, input {i} is {ctx.InputType(i).OnnxName()}";
        foreach (var f in ctx.Node.Fused)
        {
            var why = PostOps.CheckSupported(ctx, f);
            if (why != null) return why;
        }
        return null;
    }
}
