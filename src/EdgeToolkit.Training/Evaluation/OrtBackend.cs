using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Training.Evaluation;

/// <summary>ONNX Runtime on the host: the reference every other backend is compared with.</summary>
public sealed class OrtBackend : IInferenceBackend, IDisposable
{
    private readonly ModelGraph _graph;
    private readonly OrtSession _session;

    public OrtBackend(ModelGraph graph) { _graph = graph; _session = new OrtSession(graph); }
    public OrtBackend(ModelGraph graph, byte[] onnx) { _graph = graph; _session = new OrtSession(onnx); }

    public string Target => "ort";
    public string? Board => null;
    public IReadOnlyDictionary<string, double> Figures { get; } = new Dictionary<string, double>();

    public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Run(IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases) =>
        cases.Select(c => (IReadOnlyDictionary<string, Tensor>)_session.Run(c)).ToList();

    public IReadOnlyList<long[]> Generate(DecoderSignature signature, IReadOnlyList<long[]> prompts, int maxNewTokens) =>
        prompts.Select(p => GreedyDecoding.Decode(signature, _graph, p, maxNewTokens, inputs => _session.Run(inputs))).ToList();

    public void Dispose() => _session.Dispose();
}

/// <summary>The greedy decoding loop over any one-step runner (ONNX Runtime, the reference evaluator).</summary>
public static class GreedyDecoding
{
    public static long[] Decode(DecoderSignature sig, ModelGraph graph, long[] prompt, int maxNewTokens,
        Func<IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>> step)
    {
        if (prompt.Length == 0) throw new ArgumentException("empty prompt");
        var states = sig.States.ToDictionary(s => s.Input, s => Tensor.Zeros(graph.GetInfo(s.Input).Type, graph.GetInfo(s.Input).Shape.ToConcrete()));
        var generated = new List<long>();
        long token = prompt[0];
        for (int pos = 0; pos < sig.MaxContext; pos++)
        {
            var inputs = new Dictionary<string, Tensor>(states)
            {
                [sig.TokenInput] = Tensor.FromInt64s(new[] { 1 }, new[] { token }),
                [sig.PositionInput] = Tensor.FromInt64s(new[] { 1 }, new[] { (long)pos }),
            };
            var outputs = step(inputs);
            foreach (var s in sig.States) states[s.Input] = outputs[s.Output];
            if (pos + 1 < prompt.Length) { token = prompt[pos + 1]; continue; }
            token = ArgMax(outputs[sig.LogitsOutput].ToFloatArray());
            generated.Add(token);
            if (token == sig.EndToken || generated.Count >= maxNewTokens) break;
        }
        return generated.ToArray();
    }

    /// <summary>First index of the largest value (ties go to the lowest index, as in the C loop).</summary>
    public static long ArgMax(float[] v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
