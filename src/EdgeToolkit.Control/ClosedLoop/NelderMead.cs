namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// Derivative-free minimisation (Nelder-Mead simplex: reflection 1, expansion 2, contraction 1/2,
/// shrink 1/2). Deterministic: the same start, steps and function give the same result.
/// </summary>
public static class NelderMead
{
    public sealed record Result(double[] X, double Value, int Evaluations);

    /// <param name="steps">The initial simplex: x0 plus steps[i] along axis i.</param>
    /// <param name="tolerance">Stop when the simplex's values differ by less than this (relative to the best).</param>
    public static Result Minimize(Func<double[], double> f, double[] x0, double[] steps, int maxEvaluations, double tolerance = 1e-4)
    {
        int n = x0.Length;
        int evaluations = 0;
        double Eval(double[] x) { evaluations++; double v = f(x); return double.IsFinite(v) ? v : double.MaxValue; }
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])x0.Clone();
        values[0] = Eval(points[0]);
        for (int i = 0; i < n; i++)
        {
            points[i + 1] = (double[])x0.Clone();
            points[i + 1][i] += steps[i];
            values[i + 1] = Eval(points[i + 1]);
        }
        while (evaluations < maxEvaluations)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            points = order.Select(i => points[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            if (values[n] - values[0] <= tolerance * Math.Max(Math.Abs(values[0]), 1e-12)) break;
            var centroid = new double[n];
            for (int i = 0; i < n; i++) for (int d = 0; d < n; d++) centroid[d] += points[i][d] / n;
            double[] Toward(double t) => centroid.Select((c, d) => c + t * (points[n][d] - c)).ToArray();

            var reflected = Toward(-1);
            double fr = Eval(reflected);
            if (fr < values[0])
            {
                var expanded = Toward(-2);
                double fe = Eval(expanded);
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
                continue;
            }
            if (fr < values[n - 1]) { (points[n], values[n]) = (reflected, fr); continue; }
            var contracted = fr < values[n] ? Toward(-0.5) : Toward(0.5);
            double fc = Eval(contracted);
            if (fc < Math.Min(fr, values[n])) { (points[n], values[n]) = (contracted, fc); continue; }
            for (int i = 1; i <= n; i++)
            {
                points[i] = points[i].Select((v, d) => points[0][d] + 0.5 * (v - points[0][d])).ToArray();
                values[i] = Eval(points[i]);
            }
        }
        int best = Array.IndexOf(values, values.Min());
        return new Result(points[best], values[best], evaluations);
    }
}
