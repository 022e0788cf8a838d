using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Control;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Tests.Control;

public class ControlTaskTests
{
    [Fact]
    public void QuickTrainingWritesAFolderThatEvaluatesToItsCardFigure()
    {
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-control-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var task = ZooRegistry.Tasks["control"];
            var outcome = task.Train(new TrainContext
            {
                OutputDir = dir, Quick = true, Seed = 2,
                Options = new Dictionary<string, string> { ["plant"] = "tendon" },
            });

            var graph = OnnxImporter.Load(outcome.ModelPath);
            var config = ModelFolder.ReadConfig(outcome.ModelPath)!;
            Assert.Equal("control-tendon", ModelCard.ReadDataset(outcome.CardPath));
            Assert.Equal("tendon", config["plant"]!.GetValue<string>());
            Assert.Equal(0.01, config["period_s"]!.GetValue<double>());
            int features = config["window"]!["feature_count"]!.GetValue<int>();
            Assert.Equal(26, features); // 2 commands x 4 lags + 3 outputs x 6 lags, as nn4mc's tendon net
            Assert.Equal(features, ((JsonArray)config["window"]!["features"]!).Count);
            Assert.Equal(features, ((JsonArray)config["scaling"]!["input_mean"]!).Count);
            Assert.Equal(3, ((JsonArray)config["scaling"]!["output_std"]!).Count);
            Assert.Equal(new long[] { 1, features }, graph.Inputs[0].Shape.Dims!.Select(d => d.Value));
            Assert.Equal(new[] { "Gemm", "Tanh", "Gemm" }, graph.Nodes.Select(n => n.OpType));

            using var backend = new OrtBackend(graph);
            var result = ZooRegistry.Datasets["control-tendon"].Evaluate(new EvaluationContext
                { ModelPath = outcome.ModelPath, Graph = graph, Config = config, Backend = backend, Limit = int.MaxValue });
            Assert.Equal(outcome.Metrics["nrmse_pct_range"], result.Value, 6);
            Assert.True(result.Value < result.Details["persistence_nrmse_pct_range"] * 10, "even a quick model is in the persistence baseline's league");
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void EvaluationRejectsAModelWhoseWindowDoesNotFit()
    {
        TorchRuntime.Initialize(1);
        var net = ForwardModelTrainer.Build(5, new[] { 4 }, 2);
        var graph = EdgeToolkit.Training.Export.TorchExporter.Export(net, "wrong", "x", new long[] { 1, 5 });
        using var backend = new OrtBackend(graph);
        var e = Assert.Throws<EdgeToolkitException>(() => ZooRegistry.Datasets["control-msd"].Evaluate(
            new EvaluationContext { ModelPath = "wrong.onnx", Graph = graph, Backend = backend }));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("7 features", e.Message);
    }

    [Theory]
    [InlineData("msd", 1.0)]
    [InlineData("tendon", 3.0)]
    [InlineData("hasel", 3.0)]
    public void CommittedModelMeetsItsTargetOnHeldOutRuns(string plant, double targetPct)
    {
        var modelPath = Path.Combine(RepositoryRoot(), "models", $"control-{plant}", "model.onnx");
        var graph = OnnxImporter.Load(modelPath);
        using var backend = new OrtBackend(graph);
        var result = ZooRegistry.Datasets[$"control-{plant}"].Evaluate(new EvaluationContext
            { ModelPath = modelPath, Graph = graph, Config = ModelFolder.ReadConfig(modelPath), Backend = backend, Limit = int.MaxValue });
        Assert.Equal(result.Details["held_out_windows"], result.Samples);
        Assert.True(result.Value <= targetPct, $"control-{plant}: nrmse_pct_range {result.Value:F3}% > {targetPct}%");
        // Physical units in and out: the model must beat predicting "no change" by a clear margin.
        Assert.True(result.Value < 0.8 * result.Details["persistence_nrmse_pct_range"], $"{result.Value:F3}% vs persistence {result.Details["persistence_nrmse_pct_range"]:F3}%");
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(0.0)]
    [InlineData(7.5)]
    public void CommittedMsdModelHoldsTheStaticEquilibriumInPhysicalUnits(double force)
    {
        // At rest under a constant force F the plant sits at x = F/k, v = 0, and stays there:
        // the window of physical values must map to the same physical values.
        var modelPath = Path.Combine(RepositoryRoot(), "models", "control-msd", "model.onnx");
        var config = ModelFolder.ReadConfig(modelPath)!;
        var features = (JsonArray)config["window"]!["features"]!;
        double stiffness = new EdgeToolkit.Control.Plants.MassSpringDamperParameters().Stiffness;
        var x = features.Select(f => f!["signal"]!.GetValue<string>() == "u" ? (float)force
            : f!["name"]!.GetValue<string>() == "position" ? (float)(force / stiffness) : 0f).ToArray();
        var y = OrtRunner.Run(OnnxImporter.Load(modelPath), new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1, x.Length }, x) })["y"].Floats;
        Assert.True(Math.Abs(y[0] - force / stiffness) < 0.002, $"position {y[0]:F4} m, expected {force / stiffness:F4} m");
        Assert.True(Math.Abs(y[1]) < 0.005, $"velocity {y[1]:F4} m/s, expected 0");
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "EdgeToolkit.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (EdgeToolkit.sln) not found above " + AppContext.BaseDirectory);
    }
}
