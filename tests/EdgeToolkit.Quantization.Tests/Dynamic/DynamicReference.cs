namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>
/// The arithmetic of a dynamically quantized product written out from the ONNX definitions
/// (DynamicQuantizeLinear, MatMulInteger) with no code of the quantizer: what ONNX Runtime must
/// compute for the graph the quantizer writes.
/// </summary>
public static class DynamicReference
{
    /// <summary>DynamicQuantizeLinear: uint8 over [min(x, 0), max(x, 0)], round half to even.</summary>
    public static (byte[] Q, float Scale, byte ZeroPoint) QuantizeActivations(float[] x)
    {
        float min = Math.Min(0f, x.Min()), max = Math.Max(0f, x.Max());
        float scale = (max - min) / 255f;
        byte zp = (byte)Math.Clamp(MathF.Round(0f - min / scale, MidpointRounding.ToEven), 0, 255);
        var q = x.Select(v => (byte)Math.Clamp(MathF.Round(v / scale, MidpointRounding.ToEven) + zp, 0, 255)).ToArray();
        return (q, scale, zp);
    }

    /// <summary>Symmetric int8 in [-qmax, qmax], one scale per column of W [k, n] or one for all.</summary>
    public static (sbyte[] Q, float[] Scales) QuantizeWeights(float[] w, int k, int n, bool perColumn, int qmax = 127)
    {
        var scales = new float[perColumn ? n : 1];
        for (int i = 0; i < w.Length; i++) { int s = perColumn ? i % n : 0; scales[s] = Math.Max(scales[s], Math.Abs(w[i])); }
        for (int s = 0; s < scales.Length; s++) scales[s] = scales[s] > 0 ? scales[s] / qmax : 1f;
        var q = w.Select((v, i) => (sbyte)Math.Clamp(MathF.Round(v / scales[perColumn ? i % n : 0], MidpointRounding.ToEven), -qmax, qmax)).ToArray();
        return (q, scales);
    }

    /// <summary>Y [m, n] = alpha * Xs * Ws[j] * sum_k (Xq - Xz) * Wq + bias[j] for X [m, k] (rows of a batched X stacked).</summary>
    public static float[] Product(float[] x, int m, int k, float[] w, int n, bool perColumn, float[]? bias = null, float alpha = 1f)
    {
        var (xq, xs, xz) = QuantizeActivations(x);
        var (wq, ws) = QuantizeWeights(w, k, n, perColumn);
        var y = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                int acc = 0;
                for (int q = 0; q < k; q++) acc += (xq[i * k + q] - xz) * wq[q * n + j];
                float scale = xs * (ws[perColumn ? j : 0] * alpha);
                y[i * n + j] = acc * scale + (bias?[j] ?? 0f);
            }
        return y;
    }

    public static float[] FloatProduct(float[] x, int m, int k, float[] w, int n)
    {
        var y = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int q = 0; q < k; q++) s += (double)x[i * k + q] * w[q * n + j];
                y[i * n + j] = (float)s;
            }
        return y;
    }

    public static float[] Random(int count, int seed, float range = 1f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1) * range).ToArray();
    }
}
