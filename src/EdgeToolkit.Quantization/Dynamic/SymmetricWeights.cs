using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>
/// A [K, N] float weight matrix as int8 with zero point 0: one scale per output column (per channel)
/// or one for the whole matrix. Symmetric because MatMulInteger's int8 kernels then skip the
/// zero-point correction of B entirely.
/// </summary>
/// <param name="Values">int8 [K, N], row-major.</param>
/// <param name="Scales">[N] per channel, [1] per tensor.</param>
internal sealed record SymmetricWeights(sbyte[] Values, float[] Scales)
{
    /// <param name="reduceRange">7-bit weights ([-63, 63]): the u8 x s8 pair sums of x86's vpmaddubsw
    /// (AVX2 and AVX-512 without VNNI) then cannot saturate int16.</param>
    public static SymmetricWeights Quantize(float[] w, int k, int n, bool perChannel, bool reduceRange)
    {
        float qmax = reduceRange ? 63f : 127f;
        var absMax = new float[perChannel ? n : 1];
        for (int r = 0; r < k; r++)
            for (int c = 0; c < n; c++)
            {
                int s = perChannel ? c : 0;
                absMax[s] = Math.Max(absMax[s], Math.Abs(w[r * n + c]));
            }
        // An all-zero column gets scale 1: its int8 values are 0 whatever the scale.
        var scales = absMax.Select(a => a > 0 && float.IsFinite(a) ? a / qmax : 1f).ToArray();
        var p = new QuantParams(scales, new int[scales.Length], DataType.Int8);
        var q = new sbyte[w.Length];
        for (int r = 0; r < k; r++)
            for (int c = 0; c < n; c++) q[r * n + c] = (sbyte)p.Quantize(w[r * n + c], perChannel ? c : 0);
        return new SymmetricWeights(q, scales);
    }
}
