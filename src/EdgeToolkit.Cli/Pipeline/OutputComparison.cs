using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Compares outputs against a reference. An element agrees when |a - r| <= atol or
/// |a - r| <= rtol * |r|; max_rel_error only counts elements whose |r| exceeds atol
/// (cli-conventions.md).
/// </summary>
public sealed class OutputComparison
{
    public double Atol { get; }
    public double Rtol { get; }
    public double MaxAbsError { get; private set; }
    public double MaxRelError { get; private set; }
    public long Elements { get; private set; }
    public long Mismatches { get; private set; }
    public List<string> Problems { get; } = new();
    public bool Ok => Mismatches == 0 && Problems.Count == 0;

    public OutputComparison(double atol, double rtol) { Atol = atol; Rtol = rtol; }

    public void Add(string output, Tensor actual, Tensor reference, int caseIndex)
    {
        if (!actual.Shape.SequenceEqual(reference.Shape))
        {
            Problems.Add($"case {caseIndex}, output '{output}': shape [{string.Join("x", actual.Shape)}] but reference is [{string.Join("x", reference.Shape)}]");
            return;
        }
        for (int i = 0; i < actual.Length; i++)
        {
            double a = actual.GetDouble(i), r = reference.GetDouble(i);
            Elements++;
            if (double.IsNaN(a) && double.IsNaN(r)) continue;
            if (double.IsInfinity(r) && a == r) continue;
            double d = Math.Abs(a - r);
            if (double.IsNaN(d)) d = double.PositiveInfinity;
            MaxAbsError = Math.Max(MaxAbsError, d);
            if (Math.Abs(r) > Atol) MaxRelError = Math.Max(MaxRelError, d / Math.Abs(r));
            if (!(d <= Atol || d <= Rtol * Math.Abs(r)))
            {
                if (Mismatches < 5) Problems.Add($"case {caseIndex}, output '{output}'[{i}]: {a:G9} vs reference {r:G9}");
                Mismatches++;
            }
        }
    }
}
