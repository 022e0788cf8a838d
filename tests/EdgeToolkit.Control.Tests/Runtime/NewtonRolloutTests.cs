using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>
/// On a linear model the cost is quadratic in z, so one Gauss-Newton step (no barrier, no active
/// bound) lands on its exact minimiser. The reference minimiser here is computed independently:
/// rollouts built by WindowLayout over absolute time indices (not the controller's index
/// arithmetic), the cost's gradient and Hessian by finite differences in double.
/// </summary>
public class NewtonRolloutTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, 1, 1)]
    [InlineData(1, 2, 1, 3, 2, 2)]
    [InlineData(2, 2, 1, 3, 4, 5)]
    [InlineData(2, 3, 2, 4, 6, 4)]
    [InlineData(3, 2, 1, 2, 3, 6)]
    public void OneNewtonStepOnALinearModelIsTheExactMinimiser(int p, int m, int delay, int inputLags, int outputLags, int horizon)
    {
        var layout = new WindowLayout(p, m, inputLags, outputLags, delay);
        var random = new Random(p * 1000 + m * 100 + horizon);
        // A stable-ish random model: small output coefficients, larger command ones.
        var a = new float[m * layout.FeatureCount];
        for (int o = 0; o < m; o++)
            for (int f = 0; f < layout.FeatureCount; f++)
                a[o * layout.FeatureCount + f] = (float)((random.NextDouble() - 0.5) * (f < p * inputLags ? 1.0 : 0.6));
        var b = Enumerable.Range(0, m).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var model = new LinearForwardModel(layout.FeatureCount, m, a, b);
        var s = ControllerTestSettings.Create(p, m, delay, inputLags, outputLags, horizon, lambda: 0.05f, q: 0.7f);
        var controller = new NewtonRaphsonController(s, model);

        // A few periods with arbitrary readings and references build up the histories.
        var commands = new List<double[]>();
        var readings = new List<double[]>();
        var command = new float[p];
        float[] reference = [];
        for (int k = 0; k < 7; k++)
        {
            var y = Enumerable.Range(0, m).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            reference = Enumerable.Range(0, horizon * m).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            Assert.Equal(ControlSource.Newton, controller.Step(y, reference, command));
            readings.Add(y.Select(v => (double)v).ToArray());
            commands.Add(command.Select(v => (double)v).ToArray());
        }

        // Independent reference: the cost of the last period as a function of its command.
        int last = commands.Count - 1;
        var uPrev = commands[last - 1];
        double Cost(double[] u)
        {
            var us = commands.Take(last).Select(c => c).ToList();
            var ys = readings.Select(r => r).ToList();
            // Times before 0: the initial command (0) and the first reading, as at reset.
            int pad = delay + inputLags + outputLags;
            var uAll = Enumerable.Repeat(new double[p], pad).Concat(us).ToList();
            var yAll = Enumerable.Repeat(readings[0], pad).Concat(ys).ToList();
            int now = pad + last;
            for (int t = now; t < now + delay + horizon; t++) uAll.Add(t < now ? uAll[t] : u);
            double cost = 0;
            var x = new float[layout.FeatureCount];
            for (int j = 0; j < delay + horizon; j++)
            {
                layout.Fill(x, uAll, yAll, now + j);
                var yhat = model.Evaluate(x.Select(v => (double)v).ToArray());
                yAll.Add(yhat);
                if (j < delay) continue;
                for (int o = 0; o < m; o++) { double e = reference[(j - delay) * m + o] - yhat[o]; cost += s.Q[o] * e * e; }
            }
            for (int i = 0; i < p; i++)
            {
                double dz = (u[i] - uPrev[i]) / (s.Hi[i] - s.Lo[i]);
                cost += s.Lambda[i] * dz * dz;
            }
            return cost;
        }
        var minimiser = QuadraticMinimiser(Cost, uPrev);
        for (int i = 0; i < p; i++) Assert.Equal(minimiser[i], commands[last][i], 2e-3 * Math.Max(1, Math.Abs(minimiser[i])));
    }

    /// <summary>The minimiser of a quadratic from central differences around x0 (exact up to rounding for a quadratic).</summary>
    private static double[] QuadraticMinimiser(Func<double[], double> f, double[] x0)
    {
        int n = x0.Length;
        const double h = 0.5;
        double F(params (int I, double D)[] moves)
        {
            var x = (double[])x0.Clone();
            foreach (var (i, d) in moves) x[i] += d;
            return f(x);
        }
        var g = new double[n];
        var hess = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            g[i] = (F((i, h)) - F((i, -h))) / (2 * h);
            for (int k = 0; k < n; k++)
                hess[i, k] = (F((i, h), (k, h)) - F((i, h), (k, -h)) - F((i, -h), (k, h)) + F((i, -h), (k, -h))) / (4 * h * h);
        }
        var step = Solve(hess, g);
        return x0.Select((v, i) => v - step[i]).ToArray();
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (int k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            (x[c], x[pivot]) = (x[pivot], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int k = c; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            for (int k = r + 1; k < n; k++) x[r] -= m[r, k] * x[k];
            x[r] /= m[r, r];
        }
        return x;
    }
}
