using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Constant weights as int8, symmetric (zero point 0, range [-127, 127]) with one scale per slice
/// along the output-channel axis (or one for the tensor), and biases as int32 in units of
/// sx * sw[c]. A bias too large for int32 at that scale (a channel of near-zero weights) widens
/// that channel's weight scale instead of saturating, as ONNX Runtime does. Given the second
/// moments of the layer's input (a 2-D weight), the weights are rounded to compensate each
/// other's errors (WeightRounding) instead of each to nearest.
/// </summary>
public static class WeightQuantizer
{
    /// <summary>Largest |bias| in int32 units: half of int32, leaving room for the input zero point's share the lowering folds in.</summary>
    public const double BiasLimit = int.MaxValue / 2.0;

    public sealed record Result(sbyte[] Weights, float[] WeightScales, int[]? Bias, float[]? BiasScales);

    /// <param name="w">Float weights.</param>
    /// <param name="axis">The output-channel axis (0 for Conv and Gemm transB=1, 1 for [K, N] weights).</param>
    /// <param name="bias">One float per output channel, or null.</param>
    /// <param name="inputScale">The input activation's scale sx.</param>
    /// <param name="inputMoments">E[x x^T] of the layer's input rows (K x K) for a 2-D weight, or null: round to nearest.</param>
    public static Result Quantize(Tensor w, int axis, float[]? bias, float inputScale, bool perChannel, double[,]? inputMoments = null)
    {
        var f = w.Floats;
        int channels = w.Shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < w.Rank; d++) inner *= w.Shape[d];
        var absMax = new float[channels];
        for (int i = 0; i < f.Length; i++) { int c = i / inner % channels; absMax[c] = Math.Max(absMax[c], Math.Abs(f[i])); }
        var scales = perChannel ? absMax.Select(QuantParams.SymmetricScale).ToArray() : new[] { QuantParams.SymmetricScale(absMax.DefaultIfEmpty(0).Max()) };

        if (bias != null)
            for (int c = 0; c < channels; c++)
            {
                int s = perChannel ? c : 0;
                double needed = Math.Abs((double)bias[c]) / ((double)inputScale * BiasLimit);
                if (needed > scales[s]) scales[s] = (float)needed;
            }

        var q = inputMoments != null && w.Rank == 2 && inputMoments.GetLength(0) == w.Shape[1 - axis]
            ? Compensated(f, w.Shape, axis, perChannel ? scales : Enumerable.Repeat(scales[0], channels).ToArray(), inputMoments)
            : Nearest(f, i => scales[perChannel ? i / inner % channels : 0]);
        if (bias == null) return new Result(q, scales, null, null);

        var biasScales = scales.Select(s => inputScale * s).ToArray();
        var qb = new int[channels];
        for (int c = 0; c < channels; c++)
        {
            double v = Math.Round(bias[c] / (double)biasScales[perChannel ? c : 0], MidpointRounding.ToEven);
            qb[c] = (int)Math.Clamp(v, int.MinValue, int.MaxValue);
        }
        return new Result(q, scales, qb, biasScales);
    }

    private static sbyte[] Nearest(float[] f, Func<int, float> scaleOf)
    {
        var q = new sbyte[f.Length];
        for (int i = 0; i < f.Length; i++) q[i] = (sbyte)Math.Clamp((int)FixedPoint.RoundHalfToEven(f[i] / scaleOf(i)), -127, 127);
        return q;
    }

    /// <summary>WeightRounding on a 2-D weight whose output channels run along `axis` (rows of [N, K] for axis 0, columns of [K, N] for 1).</summary>
    private static sbyte[] Compensated(float[] f, int[] shape, int axis, float[] rowScales, double[,] moments)
    {
        if (axis == 0) return WeightRounding.Round(f, shape[0], shape[1], rowScales, moments);
        int k = shape[0], n = shape[1];
        var rows = new float[f.Length];
        for (int i = 0; i < k; i++)
            for (int c = 0; c < n; c++) rows[c * k + i] = f[i * n + c];
        var q = WeightRounding.Round(rows, n, k, rowScales, moments);
        var back = new sbyte[q.Length];
        for (int i = 0; i < k; i++)
            for (int c = 0; c < n; c++) back[i * n + c] = q[c * k + i];
        return back;
    }

    /// <summary>Asymmetric per-tensor int8 for a constant operand of Add or Mul.</summary>
    public static (sbyte[] Values, QuantParams Params) Constant(Tensor c)
    {
        var f = c.Floats;
        var p = QuantParams.Asymmetric(f.DefaultIfEmpty(0).Min(), f.DefaultIfEmpty(0).Max());
        return (f.Select(v => (sbyte)p.Quantize(v)).ToArray(), p);
    }
}
