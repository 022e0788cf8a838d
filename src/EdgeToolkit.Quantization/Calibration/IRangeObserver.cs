namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// Watches one tensor's values, one sample at a time, and proposes the float range [Min, Max]
/// its int8 parameters should cover. Observers keep a bounded summary (extremes or a fixed-size
/// histogram), never the values themselves.
/// </summary>
public interface IRangeObserver
{
    void Observe(ReadOnlySpan<float> values);
    /// <summary>Values seen so far (non-finite values are ignored).</summary>
    long Count { get; }
    TensorRange Range();
}

/// <param name="Min">Lower end of the range to quantize (values below saturate).</param>
/// <param name="Max">Upper end.</param>
/// <param name="SeenMin">Smallest value observed.</param>
/// <param name="SeenMax">Largest value observed.</param>
public sealed record TensorRange(float Min, float Max, float SeenMin, float SeenMax);
