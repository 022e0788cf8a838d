using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Compares outputs against a reference. An element agrees when |a - r| <= atol or
/// |a - r| <= rtol * |r|; max_rel_error only counts elements whose |r| exceeds atol
/// (cli-conventions.md). For quantized models an output may have its own absolute tolerance (one
/// quantization step) and a small share of elements may disagree (AllowedMismatchFraction).
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
    /// <summary>Per-output absolute tolerance replacing Atol (and Rtol) for that output.</summary>
    public IReadOnlyDictionary<string, double> OutputAtol { get; init; } = new Dictionary<string, double>();
    /// <summary>Share of elements allowed to disagree (0: every element must agree).</summary>
    public double AllowedMismatchFraction { get; init; }
    private int _structural;
    private readonly Dictionary<int, double> _caseMaxAbs = new();

    /// <summary>Largest |a - r| over the outputs of one case (a streamed chunk).</summary>
    public double CaseMaxAbsError(int caseIndex) => _caseMaxAbs.GetValueOrDefault(caseIndex);

    public bool Ok => _structural == 0 && Mismatches <= AllowedMismatchFraction * Elements;
    /// <summary>Share of elements that agree.</summary>
    public double AgreeingFraction => Elements == 0 ? 1 : 1 - (double)Mismatches / Elements;

    public OutputComparison(double atol, double rtol) { Atol = atol; Rtol = rtol; }

    /// <summary>A problem that fails the comparison whatever the tolerances (a missing output, a failed run).</summary>
    public void AddProblem(string problem) { Problems.Add(problem); _structural++; }

    public void Add(string output, Tensor actual, Tensor reference, int caseIndex)
    {
        if (!actual.Shape.SequenceEqual(reference.Shape))
        {
            Problems.Add($"case {caseIndex}, output '{output}': shape [{string.Join("x", actual.Shape)}] but reference is [{string.Join("x", reference.Shape)}]");
            _structural++;
            return;
        }
        bool own = OutputAtol.TryGetValue(output, out double ownAtol);
        double atol = own ? ownAtol : Atol, rtol = own ? 0 : Rtol;
        for (int i = 0; i < actual.Length; i++)
        {
            double a = actual.GetDouble(i), r = reference.GetDouble(i);
            Elements++;
            if (double.IsNaN(a) && double.IsNaN(r)) continue;
            if (double.IsInfinity(r) && a == r) continue;
            double d = Math.Abs(a - r);
            if (double.IsNaN(d)) d = double.PositiveInfinity;
            MaxAbsError = Math.Max(MaxAbsError, d);
            _caseMaxAbs[caseIndex] = Math.Max(_caseMaxAbs.GetValueOrDefault(caseIndex), d);
            if (Math.Abs(r) > Atol) MaxRelError = Math.Max(MaxRelError, d / Math.Abs(r));
            if (!(d <= atol || d <= rtol * Math.Abs(r)))
            {
                if (Mismatches < 5) Problems.Add($"case {caseIndex}, output '{output}'[{i}]: {a:G9} vs reference {r:G9}");
                Mismatches++;
            }
        }
    }
}
