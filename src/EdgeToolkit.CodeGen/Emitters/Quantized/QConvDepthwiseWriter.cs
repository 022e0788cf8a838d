using EdgeToolkit.CodeGen.Emitters.Conv;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// Writes the depthwise QConv kernel (one input channel per group): each output channel reads one
/// input plane, so there is nothing to share between channels and a plain loop over the window
/// (padding taps reading the input zero point) is all it takes. With a fused MaxPool it computes
/// only the conv outputs inside pooling windows, pools the sums and requantises once.
/// </summary>
internal sealed class QConvDepthwiseWriter(KernelContext ctx, ConvGeometry g, FusedPool? pool)
{
    private CWriter W => ctx.Code;

    public void Write(string weights, string bias)
    {
        var output = QConvEmitter.Output(ctx);
        ConvLoops.WriteConvComment(ctx, g, pool, hasBias: true);
        W.Line("/* depthwise: int8 x int8 -> int32 sums (bias holds the input zero point's share), requantised per");
        W.Line("   output channel as TFLite / CMSIS-NN do; padding reads the input zero point ZX */");
        ConvLoops.WriteShapeEnums(W, g, pool);
        W.Line($"enum {{ OC_G = {g.OutChannelsPerGroup}, ZX = {ctx.Node.GetInt("input_zero_point", 0)} }};");
        ConvLoops.WritePoolEnum(W, pool);
        W.Line($"const int8_t *x = {ctx.In(0)}, *wts = {weights};");
        W.Line($"const int32_t *bias = {bias};");
        output.DeclareTable(ctx, ctx.Node.Inputs[3] + "_requant");
        W.Line($"int8_t *y = {ctx.Out(0)};");
        using (W.Block("for (int n = 0; n < BATCH; n++)"))
        using (W.Block("for (int oc = 0; oc < OUT_C; oc++)"))
        {
            W.Line("const int8_t *xc = x + (n * IN_C + oc / OC_G) * (IN_H * IN_W); /* this channel's input plane */");
            W.Line("const int8_t *wk = wts + oc * (K_H * K_W);");
            W.Line("int8_t *yc = y + (n * OUT_C + oc) * (OUT_H * OUT_W);");
            if (pool == null)
                using (W.Block("for (int cy = 0; cy < OUT_H; cy++)"))
                using (W.Block("for (int cx = 0; cx < OUT_W; cx++)"))
                {
                    WriteSum();
                    W.Line(output.Store(ctx, "yc[cy * OUT_W + cx]", "acc", $"rq + {output.RowWidth} * oc"));
                }
            else
                using (W.Block("for (int py = 0; py < OUT_H; py++)"))
                using (W.Block("for (int px = 0; px < OUT_W; px++)"))
                {
                    W.Line("int32_t m = INT32_MIN; /* the window's largest sum */");
                    using (W.Block("for (int dy = 0; dy < POOL_H; dy++)"))
                    using (W.Block("for (int dx = 0; dx < POOL_W; dx++)"))
                    {
                        W.Line("const int cy = py * POOL_SH + dy, cx = px * POOL_SW + dx;");
                        WriteSum();
                        W.Line("if (acc > m) m = acc;");
                    }
                    W.Line(output.Store(ctx, "yc[py * OUT_W + px]", "m", $"rq + {output.RowWidth} * oc"));
                }
        }
    }

    /// <summary>acc = bias + the window of conv output (cy, cx), padding taps reading ZX.</summary>
    private void WriteSum()
    {
        W.Line("const int iy0 = cy * STRIDE_H - PAD_T, ix0 = cx * STRIDE_W - PAD_L;");
        W.Line("int32_t acc = bias[oc];");
        using (W.Block("for (int ky = 0; ky < K_H; ky++)"))
        {
            W.Line("const int iy = iy0 + ky * DIL_H;");
            using (W.Block("for (int kx = 0; kx < K_W; kx++)"))
            {
                W.Line("const int ix = ix0 + kx * DIL_W;");
                W.Line("acc += (iy >= 0 && iy < IN_H && ix >= 0 && ix < IN_W ? xc[iy * IN_W + ix] : ZX) * wk[ky * K_W + kx];");
            }
        }
    }
}
