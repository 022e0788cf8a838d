using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Calibration;

/// <summary>How an activation's range is chosen from the values seen during calibration.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen: nothing is clipped, outliers widen the step.</summary>
    MinMax,
    /// <summary>A percentile of a histogram: clips the rarest values for a finer step.</summary>
    Percentile,
    /// <summary>The clipping threshold whose int8 histogram is closest (KL divergence) to the float one (TensorRT).</summary>
    Entropy,
}

/// <summary>Which values the percentile is taken of.</summary>
public enum PercentileMode
{
    /// <summary>Cut (100 - p) / 2 percent from each tail: an asymmetric range.</summary>
    Tails,
    /// <summary>The p-th percentile t of |x|: the range [-t, t], clipped to what was seen.</summary>
    Abs,
}

public sealed record CalibrationOptions
{
    public CalibrationMethod Method { get; init; } = CalibrationMethod.MinMax;
    /// <summary>Percentile method: the percentile kept, in (0, 100].</summary>
    public double Percentile { get; init; } = 99.999;
    public PercentileMode PercentileMode { get; init; } = PercentileMode.Tails;
    /// <summary>Histogram bins over [-T, T] (even), for percentile and entropy.</summary>
    public int Bins { get; init; } = 2048;
    /// <summary>
    /// Entropy method: the levels a candidate window is squeezed into. 255 models int8 over a
    /// two-sided window; ONNX Runtime's default of 128 models 7 bits (TensorRT's 128 are for |x|).
    /// </summary>
    public int QuantizedBins { get; init; } = 255;

    public static CalibrationMethod ParseMethod(string text) => text.ToLowerInvariant() switch
    {
        "minmax" => CalibrationMethod.MinMax,
        "percentile" => CalibrationMethod.Percentile,
        "entropy" => CalibrationMethod.Entropy,
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"--method {text}: unknown calibration method",
            hint: "use --method minmax, --method percentile or --method entropy"),
    };

    public static string Name(CalibrationMethod m) => m.ToString().ToLowerInvariant();

    /// <summary>A fresh observer of one tensor for this method.</summary>
    public IRangeObserver NewObserver() => Method switch
    {
        CalibrationMethod.MinMax => new MinMaxObserver(),
        CalibrationMethod.Percentile => new PercentileObserver(Bins, Percentile, PercentileMode),
        _ => new EntropyObserver(Bins, QuantizedBins),
    };
}
