// Not "Ops.Math": a namespace named Math would hide System.Math in every EdgeToolkit.Graph.Ops.* file.
namespace EdgeToolkit.Graph.Ops.MathOps;

/// <summary>Functions .NET's Math lacks, accurate to double precision well beyond float32's needs.</summary>
public static class SpecialFunctions
{
    /// <summary>
    /// The error function. Uses erf(x) = 2/sqrt(pi) * exp(-x^2) * sum 2^n x^(2n+1) / (1*3*...*(2n+1)),
    /// whose terms are all positive (no cancellation). Beyond |x| = 6, 1 - |erf(x)| is below 1e-17.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double a = Math.Abs(x);
        if (a >= 6) return Math.Sign(x);
        double x2 = a * a, term = a, sum = a;
        for (int n = 0; n < 500; n++)
        {
            term *= 2 * x2 / (2 * n + 3);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double r = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x2) * sum;
        return x < 0 ? -r : r;
    }
}
