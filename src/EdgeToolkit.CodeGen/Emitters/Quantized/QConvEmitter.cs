using EdgeToolkit.CodeGen.Emitters.Conv;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// edgetk.QConv, 1-D and 2-D, any strides/pads/dilations/groups, with an optional fused int8
/// MaxPool. Depthwise convolutions (one input channel per group) get a plain loop
/// (QConvDepthwiseWriter); the others im2col into int16 pairs and run 2 output channels x 2 pixels
/// per step, with SMLAD on cores with the DSP extension (QConvKernelWriter). Weights stay int8 in
/// flash: packed four to a word for the latter, as they are for the former.
/// </summary>
public sealed class QConvEmitter : IKernelEmitter
{
    public string OpType => "QConv";
    public string Domain => "edgetk";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Int8 || ctx.OutputType(0) != DataType.Int8) return "QConv input and output must be int8";
        for (int i = 1; i <= 4; i++)
            if (ctx.Constant(i) == null) return $"QConv input {i} (weights, bias, multipliers, shifts) must be a constant";
        ConvGeometry g;
        try { g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1)); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException) { return e.Message; }
        if (g.Groups < 1 || g.InChannels % g.Groups != 0 || g.OutChannels % g.Groups != 0) return $"group={g.Groups} does not divide the channels";
        if (g.OutH < 1 || g.OutW < 1) return "QConv output would be empty";
        var (tail, why) = FusedTail.Parse(ctx.Node, ctx.InputShape(0).Length - 2);
        if (tail == null) return why;
        if (tail.BeforePool.Count + tail.AfterPool.Count > 0) return "QConv fuses only a MaxPool (activations are folded into act_min/act_max)";
        if (tail.Pool != null && (tail.Pool.OutSize(g.OutH, true) < 1 || tail.Pool.OutSize(g.OutW, false) < 1))
            return "fused MaxPool window is larger than the conv output";
        return null;
    }

    public long ScratchBytes(KernelContext ctx)
    {
        var (g, pool) = Geometry(ctx);
        return IsDepthwise(g) ? 0 : 4L * new QConvPacking(g).PairWords * QConvKernelWriter.TilePairs(pool);
    }

    public long Macs(KernelContext ctx)
    {
        var (g, pool) = Geometry(ctx);
        // With a fused pool, only the conv outputs inside windows are computed (floor mode skips the rest).
        long positions = pool == null
            ? (long)g.OutH * g.OutW
            : (long)pool.OutSize(g.OutH, true) * pool.KernelH * pool.OutSize(g.OutW, false) * pool.KernelW;
        return (long)g.Batch * g.OutChannels * positions * g.TapsPerOutput;
    }

    public void Emit(KernelContext ctx)
    {
        var (g, pool) = Geometry(ctx);
        var node = ctx.Node;
        if (IsDepthwise(g))
        {
            new QConvDepthwiseWriter(ctx, g, pool).Write(ctx.AddConstant(node.Inputs[1], ctx.Constant(1)!), ctx.AddConstant(node.Inputs[2], ctx.Constant(2)!));
            return;
        }
        var packing = new QConvPacking(g);
        var output = Output(ctx);
        string blocks = ctx.AddConstant(node.Inputs[1] + "_blocks", packing.PackBlocks(ctx.Constant(1)!, ctx.Constant(2)!.Int32s, output.Row));
        new QConvKernelWriter(ctx, g, pool, packing, output).Write(blocks);
    }

    /// <summary>The requantisation of this conv: |acc| is at most max |bias| + taps * 128 * 128.</summary>
    internal static ModelOutput Output(KernelContext ctx)
    {
        long taps = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1)).TapsPerOutput;
        long bias = ctx.Constant(2)!.Int32s.Select(b => Math.Abs((long)b)).DefaultIfEmpty(0).Max();
        return new ModelOutput(ctx.Node, ctx.Constant(3)!.Int32s, ctx.Constant(4)!.Int32s, bias + taps * 128 * 128);
    }

    private static bool IsDepthwise(ConvGeometry g) => g.InChannelsPerGroup == 1 && g.Groups > 1;

    private static (ConvGeometry G, FusedPool? Pool) Geometry(KernelContext ctx) =>
        (ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1)), FusedTail.Parse(ctx.Node, ctx.InputShape(0).Length - 2).Tail?.Pool);
}
