namespace EdgeToolkit.Wearable.Iot.Ads1115Pulse;

/// <summary>
/// Heart rate from a burst of PPG samples: systolic peaks are local maxima in the top 40 % of the
/// burst's range, at least 300 ms apart (at most 200 bpm), each refined to between samples by a
/// parabola through its three samples; the rate is 60 (n - 1) / (last peak - first peak). No
/// pulse (off the wrist, poor contact) when the range is under 50 mV (a real pulse swings about
/// 250 mV) or fewer than three peaks are found.
/// </summary>
public static class PulseRate
{
    public const double MinimumSwingVolts = 0.05, MinimumBeatSeconds = 0.3;

    public static double? BeatsPerMinute(ReadOnlySpan<double> volts, double samplePeriod)
    {
        if (volts.Length < 5) return null;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in volts) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (hi - lo < MinimumSwingVolts) return null;
        double threshold = lo + 0.6 * (hi - lo);

        int peaks = 0;
        double first = 0, last = double.NegativeInfinity;
        for (int i = 1; i < volts.Length - 1; i++)
        {
            if (volts[i] < threshold || volts[i] <= volts[i - 1] || volts[i] < volts[i + 1]) continue;
            double t = (i + Vertex(volts[i - 1], volts[i], volts[i + 1])) * samplePeriod;
            if (t - last < MinimumBeatSeconds) continue;
            if (peaks == 0) first = t;
            last = t;
            peaks++;
        }
        return peaks >= 3 ? 60.0 * (peaks - 1) / (last - first) : null;
    }

    /// <summary>Offset (-0.5..0.5 samples) of the vertex of the parabola through three equally spaced samples.</summary>
    private static double Vertex(double left, double centre, double right)
    {
        double curvature = left - 2 * centre + right;
        return curvature >= 0 ? 0 : Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5);
    }
}
