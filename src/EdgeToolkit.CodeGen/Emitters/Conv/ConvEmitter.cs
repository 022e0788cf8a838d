using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// Float Conv, 1-D and 2-D, any pads/strides/dilations/groups, optional bias, with fused
/// elementwise activations and at most one MaxPool run inside the same loop nest.
/// Three kernels, chosen at generation time: constant weights re-laid out for the portable
/// register-blocked kernel (Cortex-M, and thin groups everywhere) or for the host/AArch64
/// vector variant (ConvVectorBlocking.Choose), and weights given at run time read as they are.
/// </summary>
public sealed class ConvEmitter : IKernelEmitter
{
    public string OpType => "Conv";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Float32) return $"Conv on {ctx.InputType(0).OnnxName()} (only float)";
        if (ctx.InputType(1) != DataType.Float32) return $"Conv weights of {ctx.InputType(1).OnnxName()} (only float)";
        var x = ctx.InputShape(0);
        ConvGeometry g;
        try { g = ConvGeometry.From(ctx.Node, x, ctx.InputShape(1)); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException) { return e.Message; }
        if (g.Groups < 1 || g.InChannels % g.Groups != 0 || g.OutChannels % g.Groups != 0) return $"group={g.Groups} does not divide the channels";
        if (g.OutH < 1 || g.OutW < 1) return "Conv output would be empty";
        var (tail, why) = FusedTail.Parse(ctx.Node, x.Length - 2);
        if (tail == null) return why;
        foreach (var f in tail.BeforePool.Concat(tail.AfterPool))
            if (PostOps.CheckSupported(ctx, f) is { } bad) return bad;
        if (tail.Pool != null && (tail.Pool.OutSize(g.OutH, true) < 1 || tail.Pool.OutSize(g.OutW, false) < 1))
            return "fused MaxPool window is larger than the conv output";
        return null;
    }

    public long Macs(KernelContext ctx)
    {
        var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1));
        var pool = FusedTail.Parse(ctx.Node, ctx.InputShape(0).Length - 2).Tail?.Pool;
        // With a fused pool, only the conv outputs inside windows are computed (floor mode skips the rest).
        long positions = pool == null
            ? (long)g.OutH * g.OutW
            : (long)pool.OutSize(g.OutH, true) * pool.KernelH * pool.OutSize(g.OutW, false) * pool.KernelW;
        return (long)g.Batch * g.OutChannels * positions * g.TapsPerOutput;
    }

    public void Emit(KernelContext ctx)
    {
        var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1));
        var tail = FusedTail.Parse(ctx.Node, ctx.InputShape(0).Length - 2).Tail
            ?? throw new InvalidOperationException($"Conv '{ctx.Node.Name}': unsupported fused ops (CheckSupported first)");
        if (IsRuntimeWeights(ctx))
        {
            new ConvRuntimeWeightsWriter(ctx, g, tail).Write();
            return;
        }
        var w = ctx.Constant(1)!;
        var b = ctx.HasInput(2) ? ctx.Constant(2) : null;
        if (ConvVectorBlocking.Choose(g, ctx.Target) is { } vector)
        {
            string vw = ctx.AddConstant(ctx.Node.Inputs[1] + "_vec" + vector.BlockChannels, vector.RelayoutWeights(g, w));
            string vb = ctx.AddConstant((b != null ? ctx.Node.Inputs[2] : ctx.Node.Inputs[1] + "_nobias") + "_vec" + vector.BlockChannels, vector.RelayoutBias(g, b));
            new ConvVectorKernelWriter(ctx, g, vector, tail).Write(vw, vb, b != null);
            return;
        }
        var blocking = ConvBlocking.Choose(g, ctx.Target);
        string weights = ctx.AddConstant(ctx.Node.Inputs[1] + "_blocked" + blocking.ChannelsPerBlock, blocking.RelayoutTensor(g, w));
        string? bias = b != null ? ctx.AddConstant(ctx.Node.Inputs[2], b) : null;
        new ConvKernelWriter(ctx, g, blocking, tail, bias != null).Write(weights, bias);
    }

    /// <summary>Weights or bias that are graph inputs or computed values: nothing to re-lay out at generation time.</summary>
    private static bool IsRuntimeWeights(KernelContext ctx) => ctx.Constant(1) == null || (ctx.HasInput(2) && ctx.Constant(2) == null);
}
