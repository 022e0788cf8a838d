using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;

namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// Streams calibration samples through the reference evaluator one at a time and feeds the
/// chosen tensors' values to their observers; a sample's activations are dropped before the
/// next one runs, so memory does not grow with the number of samples.
/// </summary>
public static class ActivationCalibrator
{
    /// <param name="check">Validates each sample before it runs (shapes, types), with its index.</param>
    /// <param name="progress">Called after every few samples with the count so far.</param>
    public static (Dictionary<string, TensorRange> Ranges, int Samples) Run(ModelGraph graph, IEnumerable<IReadOnlyDictionary<string, Tensor>> samples,
        IReadOnlyCollection<string> tensors, CalibrationOptions options, Action<IReadOnlyDictionary<string, Tensor>, int>? check = null,
        Action<int>? progress = null)
    {
        var observers = tensors.Distinct().ToDictionary(t => t, _ => options.NewObserver());
        int count = 0;
        foreach (var sample in samples)
        {
            check?.Invoke(sample, count);
            var values = Evaluator.Run(graph, sample, keepAll: true);
            foreach (var (name, observer) in observers)
                if (values.TryGetValue(name, out var t) && t.Type == DataType.Float32) observer.Observe(t.Floats);
            count++;
            if (progress != null && (count % 16 == 0)) progress(count);
        }
        progress?.Invoke(count);
        return (observers.ToDictionary(kv => kv.Key, kv => kv.Value.Range()), count);
    }
}
