using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Wearable.Iot.Prediction;

/// <summary>
/// The health model (input `features` [1, 133], outputs stress_logits, readiness_logits,
/// sleep_quality_logits [1, 3]) in ONNX Runtime through EdgeToolkit.Onnx's OrtSession (one
/// thread, sequential): the phone-class board's predictor.
/// </summary>
public sealed class OnnxHealthPredictor : IDisposable
{
    public const string InputName = "features";
    public static readonly string[] OutputNames = { "stress_logits", "readiness_logits", "sleep_quality_logits" };

    private readonly OrtSession _session;

    public OnnxHealthPredictor(string onnxPath)
    {
        var path = Directory.Exists(onnxPath) ? Path.Combine(onnxPath, "model.onnx") : onnxPath;
        if (!File.Exists(path))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"no ONNX model at {path}", file: path,
                hint: "pass the health model's model.onnx or its folder (models/health-events); train it with ./edgetk train health");
        _session = new OrtSession(File.ReadAllBytes(path));
        var missing = OutputNames.Where(n => !_session.OutputNames.Contains(n)).ToList();
        if (!_session.InputNames.Contains(InputName) || missing.Count > 0)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"{path} is not the health model: it needs input '{InputName}' and outputs {string.Join(", ", OutputNames)}; it has inputs {string.Join(", ", _session.InputNames)} and outputs {string.Join(", ", _session.OutputNames)}",
                file: path, hint: "use models/health-events/model.onnx or a model from ./edgetk train health");
        InputPath = path;
    }

    public string InputPath { get; }

    public HealthPrediction Predict(float[] input)
    {
        var outputs = _session.Run(new Dictionary<string, Tensor> { [InputName] = Tensor.FromFloats([1, input.Length], input) });
        var logits = OutputNames.Select(n => outputs[n].ToFloatArray()).ToArray();
        return new HealthPrediction(ArgMax(logits[0]), ArgMax(logits[1]), ArgMax(logits[2]), logits[0], logits[1], logits[2]);
    }

    private static int ArgMax(float[] v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    public void Dispose() => _session.Dispose();
}
