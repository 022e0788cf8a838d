using Microsoft.ML.OnnxRuntime;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>
/// The graph ONNX Runtime actually runs: a session with the same optimisation level as OrtSession
/// writes its optimised model, whose op types show which patterns ORT fused.
/// </summary>
public static class OrtOptimizedGraph
{
    public static Dictionary<string, int> OpCounts(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgetk-ort-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
                OptimizedModelFilePath = path,
            })
            using (new InferenceSession(model, options)) { }
            var proto = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            return proto.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        }
        finally { File.Delete(path); }
    }

    public static int Count(this Dictionary<string, int> ops, string op) => ops.GetValueOrDefault(op);
}
