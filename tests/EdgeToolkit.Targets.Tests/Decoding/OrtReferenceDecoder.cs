using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Targets.Tests.Decoding;

/// <summary>
/// The independent reference: greedy decoding step by step through ONNX Runtime on the host
/// (zero states, prompt from position 0, argmax with ties to the lowest index fed back).
/// </summary>
public static class OrtReferenceDecoder
{
    public static long[] Decode(OrtSession session, ModelGraph graph, DecoderSignature sig, long[] prompt, int maxNewTokens)
    {
        var states = sig.States.ToDictionary(s => s.Input, s => Tensor.Zeros(DataType.Float32, graph.Inputs.Single(i => i.Name == s.Input).Shape.ToConcrete()));
        var generated = new List<long>();
        long token = prompt[0];
        for (int position = 0; position < sig.MaxContext; position++)
        {
            var inputs = new Dictionary<string, Tensor>(states)
            {
                [sig.TokenInput] = Tensor.FromInt64s(new[] { 1 }, new[] { token }),
                [sig.PositionInput] = Tensor.FromInt64s(new[] { 1 }, new[] { (long)position }),
            };
            var outputs = session.Run(inputs);
            foreach (var s in sig.States) states[s.Input] = outputs[s.Output];
            if (position + 1 < prompt.Length) { token = prompt[position + 1]; continue; }
            var logits = outputs[sig.LogitsOutput].Floats;
            int best = 0;
            for (int i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
            token = best;
            generated.Add(token);
            if (token == sig.EndToken || generated.Count >= maxNewTokens) break;
        }
        return generated.ToArray();
    }
}
