using System.Text.Json.Nodes;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Vision;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Tests.Vision;

public class VisionTaskQuickTests
{
    [Fact]
    public void QuickRunWritesAModelFolderThatCompilesAndScores()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("vision-quick").FullName, "fashion-cnn");
        var task = ZooRegistry.Tasks["vision"];
        Assert.Equal("models/fashion-cnn", task.DefaultOutput(new TrainContext { OutputDir = "x" }));
        var outcome = task.Train(new TrainContext { OutputDir = dir, Quick = true, Seed = 4 });

        foreach (var f in new[] { ModelFolder.ModelFile, ModelFolder.CardFile, ModelFolder.ConfigFile })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.Equal("fashion-mnist", ModelCard.ReadDataset(outcome.CardPath));
        var card = File.ReadAllText(outcome.CardPath);
        Assert.Contains("./edgetk train vision -o models/fashion-cnn", card);
        Assert.Contains("Ankle boot", card);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ModelFolder.ConfigFile)))!;
        Assert.Equal(1.0 / 255, config["input"]!["scale"]!.GetValue<double>(), 12);

        var graph = OnnxImporter.Load(outcome.ModelPath);
        Assert.Equal("image", graph.Inputs[0].Name);
        Assert.Equal(new[] { 1, 1, 28, 28 }, graph.Inputs[0].Shape.ToConcrete());
        long parameters = graph.Initializers.Values.Where(t => t.Type == DataType.Float32).Sum(t => (long)t.Length);
        Assert.InRange(parameters, 10_000, 100_000);
        long runningStats = graph.Initializers.Where(kv => kv.Key.EndsWith(".running_mean") || kv.Key.EndsWith(".running_var")).Sum(kv => (long)kv.Value.Length);
        Assert.Equal(parameters, (long)outcome.Metrics["parameters"] + runningStats); // every trainable parameter is exported

        // The compiler folds BatchNorm into the convolutions and generates C.
        var optimized = graph.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(optimized);
        Assert.DoesNotContain(optimized.Nodes, n => n.OpType == "BatchNormalization");
        var code = CCodeGenerator.Generate(optimized, new CodeGenOptions { Name = "fashion" });
        Assert.True(code.Macs > 1_000_000);

        // One epoch on 1,000 images already beats chance by far; the evaluation data set agrees with the outcome.
        Assert.True(outcome.Metrics["test_accuracy"] > 0.4, $"quick-run test accuracy {outcome.Metrics["test_accuracy"]:P1}");
        using var backend = new OrtBackend(graph);
        var again = new FashionMnistDataset().Evaluate(new EvaluationContext { ModelPath = outcome.ModelPath, Graph = graph, Backend = backend, Limit = 1_000 });
        Assert.Equal(outcome.Metrics["test_accuracy"], again.Value, 12);
    }
}
