using EdgeToolkit.Control.NanoFramework;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>The nanoFramework MLP against ONNX Runtime (forward) and central differences in double (Jacobian).</summary>
public class MlpModelTests
{
    /// <summary>Windows of the msd model: forces in [-10, 10] N, positions and velocities in their ranges.</summary>
    private static float[][] MsdWindows(int count, int seed)
    {
        var rng = new Random(seed);
        float U() => (float)(rng.NextDouble() * 20 - 10);
        float X() => (float)(rng.NextDouble() * 1.3 - 0.65);
        float V() => (float)(rng.NextDouble() * 4.8 - 2.4);
        return Enumerable.Range(0, count).Select(_ => new[] { U(), U(), U(), X(), V(), X(), V() }).ToArray();
    }

    [Fact]
    public void ForwardMatchesOnnxRuntimeOnControlMsd()
    {
        var chain = NanoFixtures.LoadMsdChain();
        var model = NanoFixtures.ToNano(chain);
        var windows = MsdWindows(300, seed: 7);

        // The same function in ONNX Runtime (its Tanh nodes written out as etk_tanhf): what is left
        // is the order of the dense layers' float sums (MLAS uses FMA and blocks).
        using var sameTanh = new OrtSession(EtkTanhGraph.Rewrite(OnnxImporter.Load(NanoFixtures.MsdModelPath)));
        double arithmetic = MaxAbsDiff(model, sameTanh, chain, windows);
        Console.WriteLine($"nanoFramework MLP vs ONNX Runtime (etk_tanhf graph) on control-msd: max abs diff {arithmetic:E2}");
        Assert.True(arithmetic <= 1e-6, $"max abs diff {arithmetic:E3}");

        // The model as trained (exact tanh): etk_tanhf's error, at most 6.7e-7 per hidden unit,
        // reaches the outputs through the last layer's 32 weights; budget 1e-6 for the arithmetic
        // above plus that first-order propagation, sum_k |W_last[o][k]| * 6.7e-7.
        using var exact = new OrtSession(File.ReadAllBytes(NanoFixtures.MsdModelPath));
        var lastLayer = chain.Layers[^1];
        double budget = 1e-6 + 6.7e-7 * Enumerable.Range(0, lastLayer.Outputs)
            .Max(o => Enumerable.Range(0, lastLayer.Inputs).Sum(k => Math.Abs((double)lastLayer.Weights[o * lastLayer.Inputs + k])));
        double trained = MaxAbsDiff(model, exact, chain, windows);
        Console.WriteLine($"nanoFramework MLP vs ONNX Runtime (model.onnx, exact tanh): max abs diff {trained:E2}, budget {budget:E2}");
        Assert.True(trained <= budget, $"max abs diff {trained:E3} over the budget {budget:E3}");
    }

    private static double MaxAbsDiff(MlpModel model, OrtSession ort, MlpChain chain, float[][] windows)
    {
        var y = new float[model.Outputs];
        double worst = 0;
        foreach (var x in windows)
        {
            var inputs = new Dictionary<string, Tensor> { [chain.InputName] = Tensor.FromFloats(new[] { 1, x.Length }, x) };
            var expected = ort.Run(inputs)[chain.OutputName].ToFloatArray();
            model.Forward(x, y);
            for (int o = 0; o < y.Length; o++) worst = Math.Max(worst, Math.Abs(y[o] - expected[o]));
        }
        return worst;
    }

    [Fact]
    public void JacobianMatchesCentralDifferencesOnControlMsd()
    {
        var chain = NanoFixtures.LoadMsdChain();
        AssertJacobianMatchesCentralDifferences(chain.Layers, NanoFixtures.ToNano(chain), MsdWindows(20, seed: 11));
    }

    [Fact]
    public void JacobianHandlesEveryActivation()
    {
        // 3 -> 5 (tanh) -> 4 (sigmoid) -> 4 (relu) -> 2 (identity), seeded weights.
        var rng = new Random(3);
        int[] widths = { 3, 5, 4, 4, 2 };
        var acts = new[] { MlpActivation.Tanh, MlpActivation.Sigmoid, MlpActivation.Relu, MlpActivation.Identity };
        var layers = Enumerable.Range(0, 4).Select(l => new MlpLayer(widths[l], widths[l + 1],
            Enumerable.Range(0, widths[l] * widths[l + 1]).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(),
            Enumerable.Range(0, widths[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(),
            acts[l], $"layer{l}")).ToList();
        var model = new MlpModel(3, layers.Select(l => l.Weights).ToArray(), layers.Select(l => l.Bias).ToArray(),
            layers.Select(l => (LayerActivation)(int)l.Activation).ToArray());
        var windows = Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray()).ToArray();
        AssertJacobianMatchesCentralDifferences(layers, model, windows);
    }

    [Fact]
    public void LayersThatDoNotChainAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new MlpModel(3, new[] { new float[5] }, new[] { new float[2] }, new[] { LayerActivation.Tanh }));
    }

    /// <summary>
    /// Central differences of the same layers evaluated in double (exact tanh and sigmoid), against
    /// the float Jacobian. Budget 5e-5 of the largest entry: every slope 1 - t^2 carries etk_tanhf's
    /// error (up to 1.3e-6), which two 32-wide layers amplify by their row sums (about 1e-5 on msd);
    /// a wrong index, sign or transposition costs order 1.
    /// </summary>
    private static void AssertJacobianMatchesCentralDifferences(IReadOnlyList<MlpLayer> layers, MlpModel model, float[][] windows)
    {
        int n = model.Inputs, m = model.Outputs;
        var y = new float[m];
        var jac = new float[m * n];
        double worst = 0;
        foreach (var x in windows)
        {
            model.Jacobian(x, y, jac);
            var xd = x.Select(v => (double)v).ToArray();
            double scale = jac.Max(v => Math.Abs((double)v));
            for (int i = 0; i < n; i++)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(xd[i]));
                var plus = (double[])xd.Clone(); plus[i] += h;
                var minus = (double[])xd.Clone(); minus[i] -= h;
                var (fp, fm) = (ForwardDouble(layers, plus), ForwardDouble(layers, minus));
                for (int o = 0; o < m; o++)
                {
                    double fd = (fp[o] - fm[o]) / (2 * h), err = Math.Abs(jac[o * n + i] - fd) / scale;
                    worst = Math.Max(worst, err);
                    Assert.True(err < 5e-5, $"dy[{o}]/dx[{i}]: analytic {jac[o * n + i]}, central difference {fd}");
                }
            }
            var forward = new float[m];
            model.Forward(x, forward);
            Assert.Equal(forward, y); // Jacobian's y is Forward's y
        }
        Console.WriteLine($"nanoFramework MLP Jacobian vs central differences: max error {worst:E2} of the largest entry");
    }

    private static double[] ForwardDouble(IReadOnlyList<MlpLayer> layers, double[] x)
    {
        var a = x;
        foreach (var l in layers)
        {
            var next = new double[l.Outputs];
            for (int o = 0; o < l.Outputs; o++)
            {
                double s = l.Bias[o];
                for (int i = 0; i < l.Inputs; i++) s += l.Weights[o * l.Inputs + i] * a[i];
                next[o] = l.Activation switch
                {
                    MlpActivation.Tanh => Math.Tanh(s),
                    MlpActivation.Sigmoid => 1 / (1 + Math.Exp(-s)),
                    MlpActivation.Relu => Math.Max(s, 0),
                    _ => s,
                };
            }
            a = next;
        }
        return a;
    }
}
