using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Sources;
using EdgeToolkit.Quantization.Tests.Dense;
using EdgeToolkit.Targets;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dense16;

/// <summary>
/// The control forward models with --activations int16, as `edgetk quantize` builds them
/// (calibrated on the training split, GPTQ weights): the held-out one-step nrmse stays within 5%
/// of float in ONNX Runtime (int8 activations cannot: 0.456% against 0.093% on control-msd), and
/// the integer C equals the evaluator on Cortex-M0 and M4; instructions against float printed.
/// </summary>
public class Control16Tests(ITestOutputHelper log)
{
    private sealed class TrainingSplit(ICalibrationSamples samples, JsonObject? config) : ICalibrationSource
    {
        public string Description => "training split";
        public bool IsRandom => false;
        public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count) => samples.CalibrationInputs(graph, config, count, 1);
    }

    private static (string Path, ModelGraph Graph, JsonObject? Config, IEvaluationDataset Dataset, QdqModel Model) Quantize(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "models", name, ModelFolder.ModelFile);
        var graph = OnnxImporter.Load(path);
        var config = ModelFolder.ReadConfig(path);
        var dataset = ZooRegistry.Datasets[name];
        var quantizer = StaticQuantizer.Calibrate(graph, new TrainingSplit((ICalibrationSamples)dataset, config),
            new StaticQuantizationOptions { Activations = DataType.Int16, CompensateRounding = true });
        return (path, graph, config, dataset, quantizer.Build(new HashSet<string>()));
    }

    private static double Nrmse(string path, ModelGraph graph, JsonObject? config, IEvaluationDataset dataset, byte[] onnx)
    {
        using var backend = new OrtBackend(graph, onnx);
        return dataset.Evaluate(new EvaluationContext { ModelPath = path, Graph = graph, Config = config, Backend = backend }).Value;
    }

    [Theory]
    [InlineData("control-msd")]
    [InlineData("control-tendon")]
    [InlineData("control-hasel")]
    public void NrmseStaysWithinFivePercentOfFloat(string name)
    {
        var (path, graph, config, dataset, model) = Quantize(name);
        Assert.Equal(new[] { "fc1", "act1", "fc2", "act2", "fc3" }, model.QuantizedNodes(StaticQuantizer.Optimise(graph)));
        double f = Nrmse(path, graph, config, dataset, File.ReadAllBytes(path));
        double q = Nrmse(path, model.Graph, config, dataset, OnnxExporter.ToBytes(model.Graph));
        log.WriteLine($"{name}: nrmse_pct_range on held-out runs (ORT): float {f:0.0000}, 16x8 {q:0.0000} ({(q / f - 1) * 100:+0.0;-0.0}%)");
        Assert.True(q <= 1.05 * f, $"float {f}, 16x8 {q}");
    }

    [Fact]
    public void ControlMsdRunsBitExactOnCortexM0AndM4InFewerInstructionsThanFloat()
    {
        var (_, graph, _, _, model) = Quantize("control-msd");
        var lowered = DenseRuns.Optimised(model.Graph);
        Assert.Equal(new[] { "edgetk.QGemm", "edgetk.QLookup16", "edgetk.QGemm", "edgetk.QLookup16", "edgetk.QGemm" },
            DenseRuns.Ops(lowered).Where(o => o.StartsWith("edgetk.")));
        var cases = DenseQdq.RandomInputs(graph, 3, seed: 5, range: 1f);
        foreach (var target in new[] { "cortex-m0", "cortex-m4" })
        {
            var int16 = DenseRuns.Run(lowered, target, cases);
            DenseAssert.BitExact(lowered, cases, int16.Outputs);
            var fp32 = DenseRuns.Run(DenseRuns.Optimised(graph), target, cases);
            long a = int16.InstructionsPerInference!.Value, b = fp32.InstructionsPerInference!.Value;
            log.WriteLine($"control-msd on {target}: 16x8 {a:N0} vs float32 {b:N0} instructions ({(double)b / a:0.0}x fewer; issue: >= 10x on cortex-m0)");
        }
    }
}
