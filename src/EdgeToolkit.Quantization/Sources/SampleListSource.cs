using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Sources;

/// <summary>Calibration samples computed in the process (e.g. a streaming model's inputs with the states a reference run carried).</summary>
public sealed class SampleListSource(string description, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples) : ICalibrationSource
{
    public string Description => description;
    public bool IsRandom => false;
    public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count) => samples.Take(count);
}
