using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>The zoo's forward models through MlpForwardModel against ONNX Runtime (forward) and double-precision finite differences (Jacobian).</summary>
public class MlpForwardModelTests
{
    public static TheoryData<string> Plants => ["msd", "tendon", "hasel"];

    [Theory]
    [MemberData(nameof(Plants))]
    public void ForwardMatchesOnnxRuntime(string plant)
    {
        string path = Path.Combine(TestPaths.ModelFolder(plant), ControlModelFolder.ModelFile);
        var graph = OnnxImporter.Load(path);
        var chain = MlpChain.Extract(graph);
        var model = new MlpForwardModel(chain);
        double bound = TanhErrorBound(chain);
        using var ort = new OrtSession(File.ReadAllBytes(path));
        var random = new Random(11);
        double worst = 0;
        var y = new float[model.Outputs];
        for (int trial = 0; trial < 50; trial++)
        {
            var x = Window(plant, model.Inputs, random);
            model.Forward(x, y);
            var expected = ort.Run(new Dictionary<string, Tensor> { [graph.Inputs[0].Name] = Tensor.FromFloats([1, x.Length], x) })[graph.Outputs[0].Name].ToFloatArray();
            for (int o = 0; o < y.Length; o++) worst = Math.Max(worst, Math.Abs(y[o] - expected[o]) - 1e-6 * Math.Max(1, Math.Abs(expected[o])));
        }
        Assert.True(worst < bound, $"{plant}: |MlpForwardModel - ORT| exceeds 1e-6 max(1, |y|) by {worst:E2}, more than etk_tanhf's error can explain ({bound:E2})");
        Console.WriteLine($"{plant}: |MlpForwardModel - ORT| - 1e-6 max(1,|y|) <= {worst:E2} (tanh approximation bound {bound:E2})");
    }

    /// <summary>
    /// How far etk_tanhf's error (6.7e-7 per unit) can move the outputs: it enters at every tanh and
    /// grows by each later layer's largest absolute row sum (|tanh'| &lt;= 1).
    /// </summary>
    private static double TanhErrorBound(MlpChain chain)
    {
        double e = 0;
        foreach (var l in chain.Layers)
        {
            double rowSum = Enumerable.Range(0, l.Outputs).Max(o => Enumerable.Range(0, l.Inputs).Sum(i => Math.Abs(l.Weights[o * l.Inputs + i])));
            e = e * rowSum + (l.Activation == MlpActivation.Tanh ? 6.7e-7 : 0);
        }
        return e;
    }

    [Theory]
    [MemberData(nameof(Plants))]
    public void JacobianMatchesFiniteDifferencesInDouble(string plant)
    {
        var chain = MlpChain.Extract(OnnxImporter.Load(Path.Combine(TestPaths.ModelFolder(plant), ControlModelFolder.ModelFile)));
        var model = new MlpForwardModel(chain);
        int n = model.Inputs, m = model.Outputs;
        var random = new Random(5);
        var y = new float[m];
        var jac = new float[m * n];
        for (int trial = 0; trial < 10; trial++)
        {
            var x = Window(plant, n, random);
            model.Jacobian(x, y, jac);
            var forward = new float[m];
            model.Forward(x, forward);
            Assert.Equal(forward, y); // the Jacobian's y is the forward pass
            for (int i = 0; i < n; i++)
            {
                double h = 1e-4 * Math.Max(1, Math.Abs(x[i]));
                var xp = x.Select(v => (double)v).ToArray();
                var xm = (double[])xp.Clone();
                xp[i] += h; xm[i] -= h;
                var yp = ForwardInDouble(chain, xp);
                var ym = ForwardInDouble(chain, xm);
                for (int o = 0; o < m; o++)
                {
                    double fd = (yp[o] - ym[o]) / (2 * h);
                    Assert.True(Math.Abs(jac[o * n + i] - fd) < 1e-4 * Math.Max(1, Math.Abs(fd)),
                        $"{plant}: d y{o} / d x{i} = {jac[o * n + i]} analytic, {fd} finite differences");
                }
            }
        }
    }

    /// <summary>A window in the model's operating range: commands in the plant's limits, outputs in a typical range.</summary>
    private static float[] Window(string plant, int n, Random random)
    {
        var config = ControlModelFolder.Read(TestPaths.ModelFolder(plant));
        int p = config.Inputs.Count;
        var x = new float[n];
        for (int f = 0; f < n; f++)
            x[f] = f < p * config.InputLags
                ? (float)(config.Inputs[f % p].Min + random.NextDouble() * (config.Inputs[f % p].Max - config.Inputs[f % p].Min))
                : (float)((random.NextDouble() - 0.3) * (plant == "tendon" ? 40 : plant == "hasel" ? 3 : 0.5));
        return x;
    }

    /// <summary>The MLP in double with Math.Tanh: an independent reference for the Jacobian.</summary>
    private static double[] ForwardInDouble(MlpChain chain, double[] x)
    {
        var a = x;
        foreach (var l in chain.Layers)
        {
            var y = new double[l.Outputs];
            for (int o = 0; o < l.Outputs; o++)
            {
                double s = l.Bias[o];
                for (int i = 0; i < l.Inputs; i++) s += l.Weights[o * l.Inputs + i] * a[i];
                y[o] = l.Activation switch
                {
                    MlpActivation.Tanh => Math.Tanh(s),
                    MlpActivation.Relu => Math.Max(0, s),
                    MlpActivation.Sigmoid => 1 / (1 + Math.Exp(-s)),
                    _ => s,
                };
            }
            a = y;
        }
        return a;
    }
}
