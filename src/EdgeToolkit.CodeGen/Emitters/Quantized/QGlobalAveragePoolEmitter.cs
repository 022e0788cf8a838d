using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// edgetk.QGlobalAveragePool: per (N, C) plane the int32 sum of x - input_zero_point, scaled by
/// sx / (sy * count) (output_multiplier/shift), offset and saturated to int8.
/// </summary>
public sealed class QGlobalAveragePoolEmitter : IKernelEmitter
{
    public string OpType => "QGlobalAveragePool";
    public string Domain => "edgetk";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.InputType(0) != DataType.Int8 || ctx.OutputType(0) != DataType.Int8 ? "QGlobalAveragePool takes and gives int8"
        : ctx.InputShape(0).Length < 3 ? "QGlobalAveragePool needs rank 3 or more"
        : ctx.Node.Fused.Count > 0 ? "QGlobalAveragePool with fused post-ops" : null;

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.Code;
        long size = Tensor.ElementCountOf(x[2..]);
        int zx = (int)ctx.Node.GetInt("input_zero_point", 0), zy = (int)ctx.Node.GetInt("output_zero_point", 0);
        var requantised = Requantization.Expression(ctx, "s", (int)ctx.Node.GetInt("output_multiplier", 0), (int)ctx.Node.GetInt("output_shift", 0), 255L * size);
        w.Line($"/* QGlobalAveragePool '{CNames.Comment(ctx.Node.Name)}': [{string.Join("x", x)}] -> [{string.Join("x", ctx.OutputShape(0))}] int8; " +
               "per plane R(sum of (x - ZX)) + ZY, the multiplier being sx / (sy * PLANE_SIZE) */");
        w.Line($"enum {{ PLANES = {x[0] * x[1]}, PLANE_SIZE = {size}, ZX = {zx}, ZY = {zy} }};");
        w.Line($"const int8_t *x = {ctx.In(0)};");
        w.Line($"int8_t *y = {ctx.Out(0)};");
        using (w.Block("for (int p = 0; p < PLANES; p++)"))
        {
            w.Line("const int8_t *xp = x + p * PLANE_SIZE;");
            w.Line("int32_t s = 0;");
            w.Line("for (int i = 0; i < PLANE_SIZE; i++) s += xp[i];");
            w.Line("s -= ZX * PLANE_SIZE; /* the zero point of every element at once */");
            w.Line($"y[p] = (int8_t){Requantization.Saturate(ctx, $"{requantised} + ZY", -128, 127)};");
        }
    }
}
