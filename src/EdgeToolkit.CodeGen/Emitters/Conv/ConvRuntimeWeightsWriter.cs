namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// A Conv whose weights (or bias) are runtime inputs, not initializers: nothing can be re-laid
/// out at generation time, so this is the plain direct convolution over the ONNX layout
/// [M][C/group][kH][kW], one output at a time, taps bounded against the padding. Any pads,
/// strides, dilations and groups; fused activations and MaxPool applied in the same loops.
/// Correct and small rather than fast: such models are rare (conformance cases, weights
/// streamed in at run time).
/// </summary>
internal sealed class ConvRuntimeWeightsWriter
{
    private readonly KernelContext _ctx;
    private readonly ConvGeometry _g;
    private readonly FusedTail _tail;
    private readonly CWriter _w;

    public ConvRuntimeWeightsWriter(KernelContext ctx, ConvGeometry g, FusedTail tail)
    {
        _ctx = ctx; _g = g; _tail = tail; _w = ctx.Code;
    }

    private FusedPool? Pool => _tail.Pool;

    public void Write()
    {
        var g = _g;
        bool hasBias = _ctx.HasInput(2);
        _w.Line($"/* Conv '{CNames.Comment(_ctx.Node.Name)}': weights{(hasBias ? " and bias" : "")} read at run time in the ONNX layout [M][C/group][kH][kW]; " +
                $"kernel {g.KernelH}x{g.KernelW}, stride {g.StrideH}x{g.StrideW}, dilation {g.DilationH}x{g.DilationW}, pads top {g.PadTop} left {g.PadLeft}, group {g.Groups} */");
        ConvLoops.WriteFusedComments(_ctx);
        ConvLoops.WriteShapeEnums(_w, g, Pool);
        _w.Line($"enum {{ IN_C_G = {g.InChannelsPerGroup}, OC_G = {g.OutChannelsPerGroup}, TAPS = {g.TapsPerOutput} }};");
        ConvLoops.WritePoolEnum(_w, Pool);
        _w.Line($"const float *x = {_ctx.In(0)};");
        _w.Line($"const float *w = {_ctx.In(1)};");
        if (hasBias) _w.Line($"const float *bias = {_ctx.In(2)};");
        _w.Line($"float *y = {_ctx.Out(0)};");
        using (_w.Block("for (int n = 0; n < BATCH; n++)"))
        using (_w.Block("for (int oc = 0; oc < OUT_C; oc++)"))
        {
            _w.Line("const float *xg = x + (n * IN_C + (oc / OC_G) * IN_C_G) * (IN_H * IN_W); /* this channel's group */");
            _w.Line("const float *wo = w + oc * TAPS;");
            _w.Line("float *yo = y + (n * OUT_C + oc) * (OUT_H * OUT_W);");
            using (_w.Block("for (int py = 0; py < OUT_H; py++)"))
            using (_w.Block("for (int px = 0; px < OUT_W; px++)"))
            {
                if (Pool == null) WritePlainOutput(hasBias);
                else WritePooledOutput(hasBias);
            }
        }
    }

    private void WritePlainOutput(bool hasBias)
    {
        _w.Line("const int cy = py, cx = px;");
        WriteSum(hasBias);
        _w.Line("float v = s;");
        ApplyOps(_tail.BeforePool, "v");
        _w.Line("yo[py * OUT_W + px] = v;");
    }

    private void WritePooledOutput(bool hasBias)
    {
        _w.Line("float m = 0.0f;");
        using (_w.Block("for (int dy = 0; dy < POOL_H; dy++)"))
        using (_w.Block("for (int dx = 0; dx < POOL_W; dx++)"))
        {
            _w.Line("const int cy = py * POOL_SH + dy, cx = px * POOL_SW + dx;");
            WriteSum(hasBias);
            _w.Line("float v = s;");
            ApplyOps(_tail.BeforePool, "v");
            _w.Line("if ((dy == 0 && dx == 0) || v > m) m = v; /* the window's first value starts the max */");
        }
        ApplyOps(_tail.AfterPool, "m");
        _w.Line("yo[py * OUT_W + px] = m;");
    }

    /// <summary>s = bias + the conv sum at conv output (cy, cx), skipping taps that fall in the padding.</summary>
    private void WriteSum(bool hasBias)
    {
        _w.Line($"const int iy0 = cy * STRIDE_H - PAD_T, ix0 = cx * STRIDE_W - PAD_L;");
        _w.Line($"float s = {(hasBias ? "bias[oc]" : "0.0f")};");
        ConvLoops.WriteCheckedTaps(_w, "s += wo[(c * K_H + ky) * K_W + kx] * xg[(c * IN_H + iy) * IN_W + ix];");
    }

    private void ApplyOps(IReadOnlyList<Graph.Node> ops, string variable) => ConvLoops.ApplyOps(_ctx, ops, variable);
}
