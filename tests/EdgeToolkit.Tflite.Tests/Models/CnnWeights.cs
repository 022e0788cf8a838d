namespace EdgeToolkit.Tflite.Tests.Models;

/// <summary>
/// Seeded random weights of the test CNN, in TFLite's layouts (OHWI, [1,H,W,C*M], [units, inputs]).
/// The filters' output channels differ in magnitude (up to 4x and 8x), so that per-channel scales
/// applied to the wrong channels would show.
/// </summary>
public sealed class CnnWeights
{
    public float[] Conv1 { get; }
    public float[] Conv1Bias { get; }
    public float[] Depthwise { get; }
    public float[] DepthwiseBias { get; }
    public float[] Dense { get; }
    public float[] DenseBias { get; }

    public CnnWeights(int seed)
    {
        var rng = new Random(seed);
        float[] Random(int n, float scale) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
        Conv1 = Random(4 * 3 * 3 * 3, 0.5f).Select((v, i) => v * (1 + i / 27) / 4f).ToArray();
        Conv1Bias = Random(4, 0.2f);
        Depthwise = Random(3 * 3 * 8, 0.6f).Select((v, i) => v * (1 + i % 8) / 8f).ToArray();
        DepthwiseBias = Random(8, 0.2f);
        Dense = Random(5 * 32, 0.5f);
        DenseBias = Random(5, 0.2f);
    }
}
