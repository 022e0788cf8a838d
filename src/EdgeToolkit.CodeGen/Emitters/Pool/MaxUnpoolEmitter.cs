using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Pool;

/// <summary>
/// MaxUnpool(X, I, output_shape?) on float, any rank: zeros, then each X value written where
/// MaxPool's Indices recorded it. Indices are flat in the default unpooled shape
/// ((in - 1) * stride + kernel - pads per spatial axis); when output_shape is larger, each index
/// is re-expressed in the output's coordinates so the values keep their positions. An index
/// outside the unpooled tensor is skipped (the reference rejects it).
/// </summary>
public sealed class MaxUnpoolEmitter : IKernelEmitter
{
    public string OpType => "MaxUnpool";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Float32) return $"MaxUnpool on {ctx.InputType(0).OnnxName()} (only float)";
        if (ctx.InputType(1) != DataType.Int64) return "MaxUnpool indices must be int64";
        if (ctx.Node.GetInts("kernel_shape") == null) return "MaxUnpool needs kernel_shape";
        if (ctx.Node.Fused.Count > 0) return "MaxUnpool with fused post-ops";
        if (ctx.OutputShape(0).Length != ctx.InputShape(0).Length) return "MaxUnpool output_shape must have the rank of X";
        return null;
    }

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var y = ctx.OutputShape(0);
        var natural = Natural(ctx.Node, x);
        var w = ctx.Code;
        w.Line($"/* MaxUnpool '{CNames.Comment(ctx.Node.Name)}': [{string.Join("x", x)}] -> [{string.Join("x", y)}], indices into [{string.Join("x", natural)}] */");
        w.Line($"enum {{ RANK = {x.Length}, IN_COUNT = {Tensor.ElementCountOf(x)}, OUT_COUNT = {Tensor.ElementCountOf(y)} }};");
        w.Line($"static const int64_t unpooled[RANK] = {{ {string.Join(", ", natural)} }}; /* the shape the indices are flat in */");
        w.Line($"static const int64_t out_dims[RANK] = {{ {string.Join(", ", y)} }};");
        w.Line($"const float *x = {ctx.In(0)};");
        w.Line($"const int64_t *ind = {ctx.In(1)};");
        w.Line($"float *y = {ctx.Out(0)};");
        w.Line("const int64_t unpooled_count = " + string.Join(" * ", natural.Select(d => d + "LL")) + ";");
        using (w.Block("for (int i = 0; i < OUT_COUNT; i++)")) w.Line("y[i] = 0.0f;");
        using (w.Block("for (int i = 0; i < IN_COUNT; i++)"))
        {
            w.Line("int64_t at = ind[i], target = 0, scale = 1;");
            w.Line("if (at < 0 || at >= unpooled_count) continue;");
            w.Line("/* coordinates in the unpooled shape, last axis first, placed with the output's strides */");
            using (w.Block("for (int a = RANK - 1; a >= 0; a--)"))
            {
                w.Line("target += at % unpooled[a] * scale;");
                w.Line("at /= unpooled[a];");
                w.Line("scale *= out_dims[a];");
            }
            w.Line("y[target] = x[i];");
        }
    }

    private static int[] Natural(Node node, int[] x)
    {
        int rank = x.Length - 2;
        var pads = node.GetInts("pads");
        return x.Select((d, i) =>
        {
            if (i < 2) return d;
            int axis = i - 2;
            int kernel = (int)node.GetInts("kernel_shape")![axis];
            int stride = (int)(node.GetInts("strides")?[axis] ?? 1);
            int begin = (int)(pads?[axis] ?? 0), end = (int)(pads?[axis + rank] ?? 0);
            return (d - 1) * stride + kernel - begin - end;
        }).ToArray();
    }
}
