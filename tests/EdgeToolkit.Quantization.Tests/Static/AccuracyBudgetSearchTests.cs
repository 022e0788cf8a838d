using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Search;
using EdgeToolkit.Quantization.Sources;
using Xunit.Abstractions;
using static EdgeToolkit.Quantization.Tests.Static.StaticTestGraphs;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>--max-drop on a model built so that exactly two nodes must stay float.</summary>
public class AccuracyBudgetSearchTests(ITestOutputHelper output)
{
    /// <summary>
    /// fc0 -> relu -> fc1 -> fc2 -> relu -> fc3. fc1's last unit carries a constant 500 that fc2
    /// ignores (zero weights), so one per-tensor scale for fc1's output (step ~2) wipes out the
    /// units that matter. That tensor is quantized whenever fc1 or fc2 is: both must go; fc0 and
    /// fc3 can stay int8.
    /// </summary>
    private static ModelGraph Trap()
    {
        var rng = new Random(8);
        var b = new GraphBuilder("trap");
        var x = b.Input("x", DataType.Float32, 1, 4);
        Tensor W(int rows, int cols, float limit) => ExampleModels.Uniform(rng, new[] { rows, cols }, limit);
        var h = b.OpNamed("fc0", "Gemm", new[] { x, b.Constant("w0", W(8, 4, 1f)) }, NodeAttribute.Of("transB", 1L));
        h = b.OpNamed("relu0", "Relu", new[] { h });
        h = b.OpNamed("fc1", "Gemm", new[] { h, b.Constant("w1", W(5, 8, 0.5f)), b.Constant("b1", Tensor.Vector(0f, 0f, 0f, 0f, 500f)) }, NodeAttribute.Of("transB", 1L));
        var w2 = W(6, 5, 1f);
        for (int r = 0; r < 6; r++) w2.Floats[r * 5 + 4] = 0;
        h = b.OpNamed("fc2", "Gemm", new[] { h, b.Constant("w2", w2) }, NodeAttribute.Of("transB", 1L));
        h = b.OpNamed("relu2", "Relu", new[] { h });
        b.Output(b.Rename(b.OpNamed("fc3", "Gemm", new[] { h, b.Constant("w3", W(2, 6, 1f)) }, NodeAttribute.Of("transB", 1L)), "y"));
        return b.Graph;
    }

    /// <summary>RMSE against targets = float outputs + fixed noise (so float itself scores about 0.05); lower is better.</summary>
    private sealed class RmseCheck : IAccuracyCheck
    {
        private readonly List<IReadOnlyDictionary<string, Tensor>> _inputs;
        private readonly List<float[]> _targets;
        public int Runs { get; private set; }

        public RmseCheck(ModelGraph floatGraph)
        {
            _inputs = new RandomSource(11).Samples(floatGraph, 64).ToList();
            var rng = new Random(12);
            _targets = _inputs.Select(x => Evaluator.Run(floatGraph, x)["y"].Floats.Select(v => v + (float)(rng.NextDouble() * 2 - 1) * 0.087f).ToArray()).ToList();
        }

        public string Metric => "rmse";
        public bool HigherIsBetter => false;

        public MetricValue Measure(ModelGraph graph, byte[] onnx)
        {
            Runs++;
            using var s = new OrtSession(onnx);
            double sum = 0; int n = 0;
            for (int i = 0; i < _inputs.Count; i++)
            {
                var y = s.Run(_inputs[i])["y"].Floats;
                for (int k = 0; k < y.Length; k++) { sum += (y[k] - _targets[i][k]) * (double)(y[k] - _targets[i][k]); n++; }
            }
            return new MetricValue(Math.Sqrt(sum / n), _inputs.Count);
        }
    }

    [Fact]
    public void ExcludesTheSensitiveNodesUntilTheDropFits()
    {
        var model = Trap();
        var q = Calibrate(model);
        var check = new RmseCheck(model);
        var log = new List<string>();
        var outcome = AccuracyBudgetSearch.Run(q, OnnxExporter.ToBytes(model), model, new HashSet<string>(), check, new AccuracyBudget(0.10, HigherIsBetter: false), log.Add);
        foreach (var line in log) output.WriteLine(line);

        Assert.True(outcome.WithinBudget);
        Assert.Equal(new[] { "fc1", "fc2" }, outcome.Excluded.OrderBy(n => n));
        Assert.Equal(new[] { "fc1", "fc2" }, outcome.Sensitivity.Take(2).Select(s => s.Node).OrderBy(n => n));
        Assert.Contains("fc0", outcome.Model.Plan.Nodes.Keys);
        Assert.Contains("fc3", outcome.Model.Plan.Nodes.Keys);
        // The reported int8 metric is the final model's, re-measured independently here.
        Assert.Equal(check.Measure(outcome.Model.Graph, OnnxExporter.ToBytes(outcome.Model.Graph)).Value, outcome.Int8.Value, 9);
        Assert.True(outcome.Int8.Value <= outcome.Float.Value * 1.10);
    }

    [Fact]
    public void WithinBudgetAtOnceExcludesNothing()
    {
        var model = Trap();
        var q = Calibrate(model);
        var check = new RmseCheck(model);
        var outcome = AccuracyBudgetSearch.Run(q, OnnxExporter.ToBytes(model), model, new HashSet<string> { "fc1", "fc2" }, check,
            new AccuracyBudget(0.10, HigherIsBetter: false), _ => { });
        Assert.True(outcome.WithinBudget);
        Assert.Empty(outcome.Excluded);
        Assert.Equal(2, check.Runs);   // float once, int8 once: no ranking, no retries
    }

    [Theory]
    [InlineData(true, 0.90, 0.885, 0.015, 0.015)]   // accuracy: points
    [InlineData(false, 0.20, 0.21, 0.01, 0.05)]     // an error: relative to float
    public void BudgetCountsPointsOrRelativeDrop(bool higherIsBetter, double f, double q, double drop, double used)
    {
        var b = new AccuracyBudget(0.05, higherIsBetter);
        Assert.Equal(drop, b.Drop(f, q), 9);
        Assert.Equal(used, b.Used(f, q), 9);
        Assert.True(b.Within(f, q));
        Assert.False(new AccuracyBudget(0.01, higherIsBetter).Within(f, q));
    }
}
