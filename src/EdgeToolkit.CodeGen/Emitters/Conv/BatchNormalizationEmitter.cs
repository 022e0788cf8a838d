using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// Standalone inference BatchNormalization on float: y = x * a[c] + b[c] with
/// a = scale / sqrt(var + eps) and b = B - mean * a computed at generation time (in double).
/// A fusion pass normally folds it into the preceding Conv; this covers the cases it cannot.
/// Fused elementwise post-ops are applied in the same loop.
/// </summary>
public sealed class BatchNormalizationEmitter : IKernelEmitter
{
    public string OpType => "BatchNormalization";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Float32) return $"BatchNormalization on {ctx.InputType(0).OnnxName()} (only float)";
        if (ctx.Node.GetInt("training_mode", 0) != 0 || ctx.Node.Outputs.Skip(1).Any(o => o.Length > 0))
            return "BatchNormalization in training mode";
        var x = ctx.InputShape(0);
        if (x.Length < 2) return "BatchNormalization needs rank 2 or more";
        for (int i = 1; i < 5; i++)
            if (ctx.Constant(i) is not { Type: DataType.Float32 } t || t.Length != x[1])
                return "BatchNormalization scale, B, mean and var must be constant float vectors of C values";
        return ctx.Node.Fused.Select(f => PostOps.CheckSupported(ctx, f)).FirstOrDefault(why => why != null);
    }

    public KernelMemory Memory(KernelContext ctx) => KernelMemory.InPlace;

    public long Macs(KernelContext ctx) => Tensor.ElementCountOf(ctx.InputShape(0));

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        float[] scale = ctx.Constant(1)!.Floats, bias = ctx.Constant(2)!.Floats, mean = ctx.Constant(3)!.Floats, variance = ctx.Constant(4)!.Floats;
        double eps = ctx.Node.GetFloat("epsilon", 1e-5f);
        var a = new float[x[1]];
        var b = new float[x[1]];
        for (int c = 0; c < a.Length; c++)
        {
            double m = scale[c] / Math.Sqrt(variance[c] + eps);
            a[c] = (float)m;
            b[c] = (float)(bias[c] - mean[c] * m);
        }
        string aSym = ctx.AddConstant(ctx.Node.Name + "_scale", Tensor.FromFloats(new[] { a.Length }, a));
        string bSym = ctx.AddConstant(ctx.Node.Name + "_shift", Tensor.FromFloats(new[] { b.Length }, b));
        var w = ctx.Code;
        w.Line($"/* BatchNormalization '{CNames.Comment(ctx.Node.Name)}': [{string.Join("x", x)}], y = x * scale[c] + shift[c] (folded at generation time) */");
        foreach (var f in ctx.Node.Fused) w.Line($"/* fused {f.OpType} '{CNames.Comment(f.Name)}' */");
        w.Line($"enum {{ BATCH = {x[0]}, CHANNELS = {x[1]}, INNER = {Tensor.ElementCountOf(x[2..])} }};");
        w.Line($"const float *x = {ctx.In(0)};");
        w.Line($"float *y = {ctx.Out(0)};");
        using (w.Block("for (int n = 0; n < BATCH; n++)"))
        using (w.Block("for (int c = 0; c < CHANNELS; c++)"))
        {
            w.Line($"const float a = {aSym}[c], b = {bSym}[c];");
            w.Line("const int at = (n * CHANNELS + c) * INNER;");
            using (w.Block("for (int i = 0; i < INNER; i++)"))
            {
                w.Line("float v = x[at + i] * a + b;");
                foreach (var f in ctx.Node.Fused) w.Line($"v = {PostOps.Apply(ctx, f, "v")};");
                w.Line("y[at + i] = v;");
            }
        }
    }
}
