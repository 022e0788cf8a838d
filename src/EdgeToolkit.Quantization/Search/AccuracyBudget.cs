using System.Globalization;

namespace EdgeToolkit.Quantization.Search;

/// <summary>
/// `--max-drop F`: how much worse the int8 metric may be than the float one. For a metric where
/// higher is better (accuracy, macro-F1: fractions) the budget is in the metric's own units (0.01
/// = one point); for an error where lower is better (nrmse) it is relative (0.05 = 5% worse),
/// since errors have no fixed scale.
/// </summary>
public sealed record AccuracyBudget(double MaxDrop, bool HigherIsBetter)
{
    public bool Relative => !HigherIsBetter;

    /// <summary>How much worse int8 is, in the metric's units (negative when it is better).</summary>
    public double Drop(double floatValue, double int8Value) => HigherIsBetter ? floatValue - int8Value : int8Value - floatValue;

    /// <summary>The drop as the budget counts it: absolute, or relative to the float value.</summary>
    public double Used(double floatValue, double int8Value)
    {
        double d = Drop(floatValue, int8Value);
        return Relative ? (floatValue == 0 ? (d > 0 ? double.PositiveInfinity : 0) : d / Math.Abs(floatValue)) : d;
    }

    public bool Within(double floatValue, double int8Value) => Used(floatValue, int8Value) <= MaxDrop + 1e-12;

    public string Describe() => Relative
        ? string.Create(CultureInfo.InvariantCulture, $"at most {MaxDrop * 100:0.###}% worse than float (relative)")
        : string.Create(CultureInfo.InvariantCulture, $"at most {MaxDrop:0.####} below float");
}
