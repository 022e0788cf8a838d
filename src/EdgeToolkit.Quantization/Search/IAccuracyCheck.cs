using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Search;

/// <summary>Scores a model on held-out data (the CLI wires a built-in data set run in ONNX Runtime).</summary>
public interface IAccuracyCheck
{
    /// <summary>The metric's name in JSON (accuracy, macro_f1, nrmse_pct_range...).</summary>
    string Metric { get; }
    bool HigherIsBetter { get; }
    /// <param name="graph">The model (float or QDQ), for its input and output names.</param>
    /// <param name="onnx">The bytes ONNX Runtime runs.</param>
    MetricValue Measure(ModelGraph graph, byte[] onnx);
}

public sealed record MetricValue(double Value, int Samples);
