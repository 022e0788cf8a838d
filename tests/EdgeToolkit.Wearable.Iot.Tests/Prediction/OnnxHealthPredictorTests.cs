using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Prediction;
using EdgeToolkit.Wearable.Iot.Tests.Support;

namespace EdgeToolkit.Wearable.Iot.Tests.Prediction;

/// <summary>The predictor on models/health-events: classes as HealthDataset.Predict (ONNX Runtime), logits as the C# evaluator.</summary>
public class OnnxHealthPredictorTests
{
    [Fact]
    public void Predictions_equal_HealthDataset_Predict_and_the_evaluator()
    {
        var path = ModelPaths.HealthModel;
        var windows = HealthWindows.Build(GeneratedDays.Person(3, 60).Concat(GeneratedDays.Person(7, 60)), 7);
        Assert.True(windows.Count > 50);
        var graph = OnnxImporter.Load(path);
        List<int[]> reference;
        using (var backend = new OrtBackend(graph)) reference = HealthDataset.Predict(backend, windows);

        using var predictor = new OnnxHealthPredictor(path);
        for (int i = 0; i < windows.Count; i++)
        {
            var p = predictor.Predict(windows[i].Input);
            Assert.Equal(reference[i], p.Classes);
            var evaluated = Evaluator.Run(graph, new Dictionary<string, Tensor> { ["features"] = Tensor.FromFloats([1, windows[i].Input.Length], windows[i].Input) });
            AssertClose(evaluated["stress_logits"].ToFloatArray(), p.StressLogits);
            AssertClose(evaluated["readiness_logits"].ToFloatArray(), p.ReadinessLogits);
            AssertClose(evaluated["sleep_quality_logits"].ToFloatArray(), p.SleepQualityLogits);
        }
    }

    [Fact]
    public void A_model_that_is_not_the_health_model_is_refused_with_its_path()
    {
        var other = Path.Combine(ModelPaths.Root, "models");
        var candidate = Directory.GetDirectories(other).Select(d => Path.Combine(d, "model.onnx"))
            .First(f => File.Exists(f) && !f.Contains("health"));
        var e = Assert.Throws<EdgeToolkitException>(() => new OnnxHealthPredictor(candidate));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains(candidate, e.Message);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.InRange(Math.Abs(expected[i] - actual[i]), 0, 1e-4 + 1e-4 * Math.Abs(expected[i]));
    }
}
