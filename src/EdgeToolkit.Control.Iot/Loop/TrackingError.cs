namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>
/// RMS of reading minus reference, per output, over a run (readings include the sensor's noise
/// and quantisation; NaN readings, the failed ones, are skipped).
/// </summary>
public sealed class TrackingError
{
    private readonly double[] _sum;
    private readonly long[] _count;

    public TrackingError(int outputs) { _sum = new double[outputs]; _count = new long[outputs]; }

    public void Add(ReadOnlySpan<float> reading, ReadOnlySpan<float> reference)
    {
        for (int o = 0; o < _sum.Length; o++)
        {
            if (!float.IsFinite(reading[o])) continue;
            double e = reading[o] - reference[o];
            _sum[o] += e * e;
            _count[o]++;
        }
    }

    public double Rms(int output) => _count[output] == 0 ? double.NaN : Math.Sqrt(_sum[output] / _count[output]);
}
