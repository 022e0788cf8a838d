using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Normalization;

/// <summary>
/// LayerNormalization over the dims from axis on: per row, mean, then variance of (x - mean),
/// then y = (x - mean) / sqrt(var + epsilon) * scale + bias. Optional Mean and InvStdDev outputs
/// are written when asked for. Rows are read completely before they are written (in place is safe).
/// </summary>
public sealed class LayerNormalizationEmitter : IKernelEmitter
{
    public string OpType => "LayerNormalization";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.Node.Fused.Count > 0) return "LayerNormalization with fused post-ops";
        for (int i = 0; i < 3; i++)
            if (ctx.HasInput(i) && ctx.InputType(i) != DataType.Float32) return "LayerNormalization supports float32 only";
        var (_, n) = Geometry(ctx);
        for (int i = 1; i < 3; i++)
            if (ctx.HasInput(i) && Tensor.ElementCountOf(ctx.InputShape(i)) is var c && c != n && c != 1)
                return $"LayerNormalization {(i == 1 ? "scale" : "bias")} must have one value per normalised element ({n}) or one in all, got {c}";
        return null;
    }

    public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

    private static (long Rows, long N) Geometry(KernelContext ctx)
    {
        var shape = ctx.InputShape(0);
        long axis = ctx.Node.GetInt("axis", -1);
        if (axis < 0) axis += shape.Length;
        return (shape.Take((int)axis).Aggregate(1L, (p, d) => p * d), shape.Skip((int)axis).Aggregate(1L, (p, d) => p * d));
    }

    public void Emit(KernelContext ctx)
    {
        var (rows, n) = Geometry(ctx);
        float eps = ctx.Node.GetFloat("epsilon", 1e-5f);
        var w = ctx.Code;
        string Param(int i) => !ctx.HasInput(i) ? "" : Tensor.ElementCountOf(ctx.InputShape(i)) == 1 ? $"{ctx.In(i)}[0]" : $"{ctx.In(i)}[j]";
        var y = "(x[j] - mean) * inv";
        if (ctx.HasInput(1)) y = $"{y} * {Param(1)}";
        if (ctx.HasInput(2)) y = $"{y} + {Param(2)}";
        w.Line("long r, j;");
        using (w.Block($"for (r = 0; r < {rows}L; r++)"))
        {
            w.Line($"const float *x = {ctx.In(0)} + r * {n};");
            w.Line($"float *y = {ctx.Out(0)} + r * {n};");
            w.Line("float mean = 0.0f, var = 0.0f, inv;");
            w.Line($"for (j = 0; j < {n}L; j++) mean += x[j];");
            w.Line($"mean = mean / {n}.0f;");
            w.Line($"for (j = 0; j < {n}L; j++) {{ const float d = x[j] - mean; var += d * d; }}");
            w.Line($"var = var / {n}.0f;");
            w.Line($"inv = 1.0f / {ctx.UseHelper("sqrt")}(var + {CNames.Float(eps)});");
            if (ctx.Node.Outputs.Count > 1 && ctx.Out(1).Length > 0) w.Line($"{ctx.Out(1)}[r] = mean;");
            if (ctx.Node.Outputs.Count > 2 && ctx.Out(2).Length > 0) w.Line($"{ctx.Out(2)}[r] = inv;");
            w.Line($"for (j = 0; j < {n}L; j++) y[j] = {y};");
        }
    }
}
