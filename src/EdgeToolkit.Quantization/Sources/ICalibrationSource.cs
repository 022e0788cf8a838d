using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Sources;

/// <summary>Where calibration inputs come from: a folder of TensorProto files, a built-in data set, or random numbers.</summary>
public interface ICalibrationSource
{
    /// <summary>For reports: "folder calib/ (12 samples)", "health (training split)", "random:7".</summary>
    string Description { get; }
    /// <summary>Random inputs only check the pipeline: ranges from them say nothing about real data.</summary>
    bool IsRandom { get; }
    /// <summary>Up to `count` samples, in a fixed order (the same on every call), produced lazily.</summary>
    IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count);
}
