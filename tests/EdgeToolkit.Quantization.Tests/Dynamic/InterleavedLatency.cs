using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>
/// Float and int8 timed in alternating rounds, so that load from other processes on a shared
/// machine falls on both alike; medians in nanoseconds. For printing, never for asserting.
/// </summary>
public static class InterleavedLatency
{
    public static (double FloatNs, double Int8Ns) Medians(OrtSession fp32, OrtSession int8, IReadOnlyDictionary<string, Tensor> feeds, int rounds, int runsPerRound)
    {
        var (f, q) = (new List<double>(), new List<double>());
        for (int r = 0; r < rounds; r++)
        {
            f.AddRange(fp32.MeasureNs(feeds, warmup: 5, runsPerRound));
            q.AddRange(int8.MeasureNs(feeds, warmup: 5, runsPerRound));
        }
        return (Median(f), Median(q));
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
