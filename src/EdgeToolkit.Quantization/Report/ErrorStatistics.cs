namespace EdgeToolkit.Quantization.Report;

/// <summary>Accumulates how far quantized values are from float ones: SQNR and the largest absolute error.</summary>
public sealed class ErrorStatistics
{
    private double _signal, _noise;
    public double MaxAbsError { get; private set; }
    public long Count { get; private set; }

    public void Add(ReadOnlySpan<float> reference, ReadOnlySpan<float> quantized)
    {
        if (reference.Length != quantized.Length) throw new ArgumentException($"{reference.Length} reference values but {quantized.Length} quantized ones");
        for (int i = 0; i < reference.Length; i++)
        {
            double r = reference[i], e = (double)quantized[i] - r;
            _signal += r * r;
            _noise += e * e;
            MaxAbsError = Math.Max(MaxAbsError, Math.Abs(e));
        }
        Count += reference.Length;
    }

    /// <summary>10 log10(sum x^2 / sum (x - q)^2) in dB; null when the values agree exactly.</summary>
    public double? SqnrDb => _noise == 0 ? null : _signal == 0 ? double.NegativeInfinity : 10 * Math.Log10(_signal / _noise);
}
