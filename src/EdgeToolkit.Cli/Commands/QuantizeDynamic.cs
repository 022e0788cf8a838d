using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Dynamic;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Commands;

/// <summary>`quantize --dynamic`: int8 weights, activations quantized at run time; no calibration, no search.</summary>
public static class QuantizeDynamic
{
    public static int Run(string modelPath, string output, bool perChannel, IReadOnlyList<string> exclude, IEvaluationDataset? dataset, int? limit,
        string commandLine, Reporter reporter, IReadOnlyList<string>? measureShapes = null)
    {
        var source = ModelSource.Load(modelPath);
        var onnxPath = QuantizeCommand.OnnxPath(source);
        reporter.Progress($"quantizing {source.Display} dynamically (int8 weights, activations at run time)");
        var result = DynamicQuantizer.Quantize(source.Graph, new DynamicQuantizationOptions { PerChannel = perChannel, Exclude = exclude });
        var speed = Int8SpeedCheck.Assess(source.Graph);
        var bytes = OnnxExporter.ToBytes(result.Graph);
        var measured = measureShapes != null ? QuantizeSpeed.Measure(source.Graph, source.OnnxBytes, bytes, measureShapes, reporter) : null;
        MetricSummary? metric = null;
        var notes = result.Notes.ToList();
        if (dataset != null)
        {
            var config = File.Exists(onnxPath) ? ModelFolder.ReadConfig(onnxPath) : null;
            var check = new DatasetAccuracyCheck(dataset, onnxPath, config, limit);
            reporter.Progress($"measuring {dataset.Metric} of the float and the int8 model in ONNX Runtime");
            metric = QuantizeCommand.Metric(dataset, check.Measure(source.Graph, source.OnnxBytes), check.Measure(result.Graph, bytes), null);
        }
        else notes.Add("accuracy was not checked: add --dataset NAME to measure the int8 model against float");
        notes.Add(speed.Explanation);
        if (measured != null)
            notes.Add($"measured in ONNX Runtime here: int8 takes {measured.Ratio:0.00}x the float latency ({measured.Int8Ns / 1e3:0.0} vs {measured.FloatNs / 1e3:0.0} us), "
                + (measured.Ratio < 1 == speed.Int8LikelyFaster ? "as predicted" : "NOT as predicted"));
        var quantized = result.QuantizedNodes.ToHashSet();
        var summary = new QuantizeSummary
        {
            Ok = true, Model = source.Display, Output = output, Method = "dynamic", PerChannel = perChannel, Metric = metric, Excluded = exclude,
            QuantizedNodes = result.QuantizedNodes, FloatNodes = source.Graph.Nodes.Select(n => n.Name).Where(n => !quantized.Contains(n)).ToList(),
            WeightBytesFloat = result.WeightBytesBefore, WeightBytesInt8 = result.WeightBytesAfter, Notes = notes,
            Extra = new JsonObject
            {
                ["int8_speed"] = new JsonObject
                {
                    ["likely_faster"] = speed.Int8LikelyFaster, ["cpu"] = speed.Cpu,
                    ["features"] = new JsonArray(speed.Features.Select(f => (JsonNode)f).ToArray()), ["explanation"] = speed.Explanation,
                    ["measured"] = measured?.ToJson(),
                },
            },
        };
        ModelOutput.Write(output, bytes, source.CardPath != null ? source.Display : null, summary.CardSection(commandLine));
        if (reporter.Json) reporter.WriteJson(summary.ToJson());
        else summary.Print(reporter);
        return 0;
    }
}
