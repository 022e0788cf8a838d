namespace EdgeToolkit.Quantization.Calibration;

/// <summary>The smallest and largest finite value seen.</summary>
public sealed class MinMaxObserver : IRangeObserver
{
    private float _min = float.PositiveInfinity, _max = float.NegativeInfinity;
    public long Count { get; private set; }

    public void Observe(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < _min) _min = v;
            if (v > _max) _max = v;
            Count++;
        }
    }

    public TensorRange Range() => Count == 0 ? new TensorRange(0, 0, 0, 0) : new TensorRange(_min, _max, _min, _max);
}
