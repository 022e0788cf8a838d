using EdgeToolkit.Tflite.Schema;
using EdgeToolkit.Tflite.Tests.Writer;

namespace EdgeToolkit.Tflite.Tests.Models;

/// <summary>
/// Quantization of the test CNN, int8 or (as older TFLite models are) uint8, whose zero points
/// are the int8 ones plus 128 and whose filters are per tensor: inputs in [-1, 1]; each activation's range from interval
/// bounds through the layer's weights (half the worst case, so some values saturate, as
/// calibrated ranges do); after ReLU the range starts at 0 (zero point -128); the softmax
/// output has TFLite's fixed scale 1/256 and zero point -128 (0 for uint8).
/// </summary>
public sealed class CnnQuantization
{
    public bool Unsigned { get; }
    public TensorType Type => Unsigned ? TensorType.UInt8 : TensorType.Int8;
    public Quant Input { get; }
    public Quant Conv1 { get; }
    public Quant Depthwise { get; }
    public Quant Logits { get; }
    public Quant Probabilities { get; }

    /// <summary>Conv and depthwise filters get one scale per output channel (TFLite's default) or one for the whole tensor; FC weights always one, as TFLite's converter writes them.</summary>
    public bool PerChannelFilters { get; }

    public CnnQuantization(CnnWeights w, bool perChannelFilters, bool unsigned = false)
    {
        PerChannelFilters = perChannelFilters && !unsigned;
        Unsigned = unsigned;
        Quant PerTensor(float scale, long int8ZeroPoint) => Quant.PerTensor(scale, unsigned ? int8ZeroPoint + 128 : int8ZeroPoint);
        Input = PerTensor(1f / 128, 0);
        float conv = Bound(w.Conv1, w.Conv1Bias, 1f, i => i / 27);
        Conv1 = PerTensor(conv / 255, -128);
        float depthwise = Math.Min(6f, Bound(w.Depthwise, w.DepthwiseBias, conv, i => i % 8));
        Depthwise = PerTensor(depthwise / 255, -128);
        float logits = Bound(w.Dense, w.DenseBias, depthwise, i => i / 32);
        Logits = PerTensor(2 * logits / 255, 0);
        Probabilities = PerTensor(1f / 256, -128);
    }

    /// <summary>Half the largest |output| over channels: sum |w| * input bound + |b|.</summary>
    private static float Bound(float[] w, float[] bias, float inputBound, Func<int, int> channelOf)
    {
        var sums = new float[bias.Length];
        for (int i = 0; i < w.Length; i++) sums[channelOf(i)] += Math.Abs(w[i]);
        return sums.Select((s, c) => s * inputBound + Math.Abs(bias[c])).Max() / 2;
    }

    /// <summary>Symmetric int8 (zero point 0, [-127, 127]) per channel along `axis` or per tensor, as TFLite quantizes filters.</summary>
    public (sbyte[] Values, float[] Scales) Filter(float[] w, int[] shape, int axis)
    {
        int channels = PerChannelFilters && shape.Length == 4 ? shape[axis] : 1;
        int inner = shape.Skip(axis + 1).Aggregate(1, (a, d) => a * d);
        int Channel(int i) => i / inner % channels;
        var scales = new float[channels];
        for (int i = 0; i < w.Length; i++) scales[Channel(i)] = Math.Max(scales[Channel(i)], Math.Abs(w[i]));
        for (int c = 0; c < channels; c++) scales[c] = scales[c] > 0 ? scales[c] / 127 : 1e-8f;
        var values = w.Select((v, i) => (sbyte)Math.Clamp(Math.Round(v / scales[Channel(i)]), -127, 127)).ToArray();
        return (values, scales);
    }
}
