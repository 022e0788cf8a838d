using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Quantization.Search;
using EdgeToolkit.Quantization.Sources;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// What `quantize --calibration DATA` and `--dataset NAME` name: a folder of .pb inputs, a
/// built-in data set (its training split for calibration, its held-out samples for the metric,
/// run in ONNX Runtime), or random:SEED.
/// </summary>
public static class QuantizeData
{
    public static ICalibrationSource Calibration(string data, JsonObject? config, int seed)
    {
        if (data.StartsWith(RandomSource.Prefix, StringComparison.Ordinal)) return RandomSource.Parse(data);
        if (Directory.Exists(data)) return new TensorFolderSource(data);
        if (ZooRegistry.Datasets.TryGetValue(data, out var d))
            return d is ICalibrationSamples samples ? new DatasetSource(d, samples, config, seed)
                : throw Args.Usage($"--calibration {data}: this data set cannot supply calibration inputs",
                    $"data sets that can: {string.Join(", ", CalibrationDatasets())}; or give a folder of .pb inputs");
        if (File.Exists(data))
            throw new EdgeToolkitException(ErrorKind.BadInput, "--calibration takes a folder of .pb inputs, not a file", file: data,
                hint: "put the .pb files in a folder and give the folder");
        throw new EdgeToolkitException(ErrorKind.BadInput, $"--calibration {data}: no such folder or data set",
            hint: $"give a folder of TensorProto .pb inputs, a data set ({string.Join(", ", CalibrationDatasets())}) or random:SEED");
    }

    public static IEvaluationDataset Dataset(string name) => ZooRegistry.Datasets.TryGetValue(name, out var d) ? d
        : throw Args.Usage($"--dataset {name}: unknown data set", $"data sets: {string.Join(", ", ZooRegistry.Datasets.Keys)}");

    public static IEnumerable<string> CalibrationDatasets() => ZooRegistry.Datasets.Values.OfType<ICalibrationSamples>().Cast<IEvaluationDataset>().Select(d => d.Name);

    private sealed class DatasetSource(IEvaluationDataset dataset, ICalibrationSamples samples, JsonObject? config, int seed) : ICalibrationSource
    {
        public string Description => $"{dataset.Name} (training split, seed {seed})";
        public bool IsRandom => false;
        public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count) => samples.CalibrationInputs(graph, config, count, seed);
    }
}

/// <summary>A built-in data set's metric on held-out samples, with the model in ONNX Runtime.</summary>
public sealed class DatasetAccuracyCheck(IEvaluationDataset dataset, string modelPath, JsonObject? config, int? limit) : IAccuracyCheck
{
    public string Dataset => dataset.Name;
    public string Metric => dataset.Metric;
    public bool HigherIsBetter => dataset.HigherIsBetter;

    public MetricValue Measure(ModelGraph graph, byte[] onnx)
    {
        using var backend = new OrtBackend(graph, onnx);
        var r = dataset.Evaluate(new EvaluationContext { ModelPath = modelPath, Graph = graph, Config = config, Backend = backend, Limit = limit });
        return new MetricValue(r.Value, r.Samples);
    }
}
