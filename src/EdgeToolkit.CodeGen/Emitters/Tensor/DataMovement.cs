using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>What every data-movement emitter shares: type checks, the header comment, typed pointers.</summary>
internal static class DataMovement
{
    /// <summary>Element types with a C type (everything but string and float16).</summary>
    public static string? CheckType(KernelContext ctx, DataType t) =>
        t is DataType.String or DataType.Float16 or DataType.Undefined ? $"{ctx.Node.OpType} on {t.OnnxName()} is not supported"
        : ctx.Node.Fused.Count > 0 ? $"{ctx.Node.OpType} with fused post-ops" : null;

    public static string Shape(IEnumerable<int> shape) => "[" + string.Join("x", shape) + "]";

    public static void Header(KernelContext ctx, string detail = "")
    {
        var ins = Enumerable.Range(0, ctx.Node.Inputs.Count).Where(ctx.HasInput).Select(i => Shape(ctx.InputShape(i)));
        var outs = Enumerable.Range(0, ctx.Node.Outputs.Count).Where(i => ctx.Node.Outputs[i].Length > 0).Select(i => Shape(ctx.OutputShape(i)));
        ctx.Code.Line($"/* {ctx.Node.OpType} '{CNames.Comment(ctx.Node.Name)}': {string.Join(", ", ins)} -> {string.Join(", ", outs)}" +
                      (detail.Length > 0 ? ", " + detail : "") + " */");
    }

    /// <summary>Declares x (input 0) and y (output 0) as typed pointers.</summary>
    public static void Pointers(KernelContext ctx)
    {
        ctx.Code.Line($"const {ctx.InputType(0).CType()} *x = {ctx.In(0)};");
        ctx.Code.Line($"{ctx.OutputType(0).CType()} *y = {ctx.Out(0)};");
        if (Tensor.ElementCountOf(ctx.OutputShape(0)) == 0) ctx.Code.Line("(void)x; (void)y; /* empty output: nothing to copy */");
    }

    public static int Axis(long axis, int rank) =>
        axis < -rank || axis >= rank ? throw new ArgumentException($"axis {axis} is out of range for rank {rank}") : (int)(axis < 0 ? axis + rank : axis);
}
