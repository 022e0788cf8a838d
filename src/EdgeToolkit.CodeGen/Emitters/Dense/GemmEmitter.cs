using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// Gemm: Y = alpha * A' B' + beta * C. With a constant B (the usual fully connected layer),
/// transB and alpha are folded into the packed weights and beta * C into the bias at generation
/// time, and the register-blocked DenseKernel runs. Otherwise a plain triple loop.
/// </summary>
public sealed class GemmEmitter : IKernelEmitter
{
    public string OpType => "Gemm";

    public string? CheckSupported(KernelContext ctx)
    {
        var why = DenseSupport.Check(ctx, 3);
        if (why != null) return why;
        if (ctx.InputShape(0).Length != 2 || ctx.InputShape(1).Length != 2) return "Gemm needs 2-D A and B";
        return null;
    }

    public long Macs(KernelContext ctx)
    {
        var (m, k, n) = Dims(ctx);
        return (long)m * k * n;
    }

    private static (int M, int K, int N) Dims(KernelContext ctx)
    {
        var a = ctx.InputShape(0);
        var b = ctx.InputShape(1);
        bool ta = ctx.Node.GetInt("transA", 0) != 0, tb = ctx.Node.GetInt("transB", 0) != 0;
        return (ta ? a[1] : a[0], ta ? a[0] : a[1], tb ? b[0] : b[1]);
    }

    public void Emit(KernelContext ctx)
    {
        var (m, k, n) = Dims(ctx);
        float alpha = ctx.Node.GetFloat("alpha", 1f), beta = ctx.Node.GetFloat("beta", 1f);
        bool ta = ctx.Node.GetInt("transA", 0) != 0, tb = ctx.Node.GetInt("transB", 0) != 0;
        var c = ctx.HasInput(2) ? ctx.InputShape(2) : null;
        if (ctx.Constant(1) is { } bConst)
        {
            var b = bConst.ToFloatArray();
            var w = new float[k * n];
            for (int kk = 0; kk < k; kk++)
                for (int nn = 0; nn < n; nn++) w[kk * n + nn] = alpha * (tb ? b[nn * k + kk] : b[kk * n + nn]);
            float[]? bias = null;
            Func<string, string, string>? addend = null;
            if (c != null && ctx.Constant(2) is { } cConst) bias = FoldBias(cConst, c, m, n, beta);
            else if (c != null) addend = (mm, nn) => $"{CNames.Float(beta)} * {ctx.In(2)}[{BroadcastIndex(c, m, n, mm, nn)}]";
            new DenseKernel { Rows = m, K = k, N = n, Weights = w, Bias = bias, TransposedX = ta, RuntimeAddend = addend }.Write(ctx);
            return;
        }
        WriteGeneral(ctx, m, k, n, ta, tb, alpha, beta, c);
    }

    /// <summary>beta * C broadcast to [N] when it is the same for every row, else to [M, N].</summary>
    private static float[] FoldBias(Tensor cConst, int[] c, int m, int n, float beta)
    {
        var cv = cConst.ToFloatArray();
        bool perRow = c.Length == 2 && c[0] != 1 && m != 1;
        var bias = new float[(perRow ? m : 1) * n];
        for (int i = 0; i < bias.Length; i++)
        {
            int row = i / n, col = i % n;
            bias[i] = beta * cv[BroadcastOffset(c, row, col)];
        }
        return bias;
    }

    private static int BroadcastOffset(int[] c, int row, int col) => c.Length switch
    {
        0 => 0,
        1 => c[0] == 1 ? 0 : col,
        _ => (c[0] == 1 ? 0 : row) * c[1] + (c[1] == 1 ? 0 : col),
    };

    private static string BroadcastIndex(int[] c, int m, int n, string row, string col) => c.Length switch
    {
        0 => "0",
        1 => c[0] == 1 ? "0" : col,
        _ => $"{(c[0] == 1 || m == 1 ? "0" : $"({row}) * {c[1]}")} + {(c[1] == 1 ? "0" : $"({col})")}",
    };

    /// <summary>A run-time B: one accumulator per output, reads in any layout.</summary>
    private static void WriteGeneral(KernelContext ctx, int m, int k, int n, bool ta, bool tb, float alpha, float beta, int[]? c)
    {
        var w = ctx.Code;
        w.Line("int m, n, k;");
        using (w.Block($"for (m = 0; m < {m}; m++)"))
        using (w.Block($"for (n = 0; n < {n}; n++)"))
        {
            w.Line("float acc = 0.0f;");
            var a = ta ? $"{ctx.In(0)}[k * {m} + m]" : $"{ctx.In(0)}[m * {k} + k]";
            var b = tb ? $"{ctx.In(1)}[n * {k} + k]" : $"{ctx.In(1)}[k * {n} + n]";
            w.Line($"for (k = 0; k < {k}; k++) acc += {a} * {b};");
            if (alpha != 1f) w.Line($"acc = {CNames.Float(alpha)} * acc;");
            if (c != null) w.Line($"acc += {CNames.Float(beta)} * {ctx.In(2)}[{BroadcastIndex(c, m, n, "m", "n")}];");
            foreach (var post in ctx.Node.Fused) w.Line($"acc = {PostOps.Apply(ctx, post, "acc")};");
            w.Line($"{ctx.Out(0)}[m * {n} + n] = acc;");
        }
    }
}
