using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = EdgeToolkit.Graph.Tensor;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Checks the exported one-step graph against the TorchSharp model it came from: greedy decoding
/// through the cache (any backend) must produce the same tokens as full-sequence decoding, and
/// the logits of each step must match the full forward pass at that position.
/// </summary>
public static class DecoderParity
{
    /// <returns>Fraction of held-out prompts with identical greedy outputs, the largest step-logit difference and the largest |logit|.</returns>
    public static (double Agreement, double MaxLogitDiff, double MaxAbsLogit) Check(TinyDecoder model, ModelGraph graph, IInferenceBackend backend,
        DecoderSignature sig, int perOp, bool scratchpad)
    {
        int same = 0, total = 0;
        double maxDiff = 0, maxLogit = 0;
        foreach (var op in ArithmeticData.Ops)
        {
            var problems = ArithmeticData.HeldOut(op).Take(perOp).ToList();
            var prompts = ArithmeticScoring.Prompts(problems);
            var reference = TorchGreedyDecoder.Decode(model, prompts, 18);
            var decoded = backend.Generate(sig, prompts, 18);
            for (int i = 0; i < problems.Count; i++, total++) if (reference[i].SequenceEqual(decoded[i])) same++;
            foreach (var p in problems.Take(3))
            {
                var tokens = ArithmeticVocabulary.Encode(p.Text(scratchpad));
                var steps = StepLogits(graph, sig, tokens, inputs => backend.Run(new[] { inputs })[0]);
                var full = FullLogits(model, tokens);
                for (int t = 0; t < tokens.Length; t++)
                    for (int v = 0; v < full[t].Length; v++)
                    {
                        maxDiff = Math.Max(maxDiff, Math.Abs(full[t][v] - steps[t][v]));
                        maxLogit = Math.Max(maxLogit, Math.Abs(full[t][v]));
                    }
            }
        }
        return ((double)same / Math.Max(1, total), maxDiff, maxLogit);
    }

    /// <summary>Feeds the tokens one per step from position 0, carrying the cache; returns each step's logits.</summary>
    public static float[][] StepLogits(ModelGraph graph, DecoderSignature sig, long[] tokens,
        Func<IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>> step)
    {
        var states = sig.States.ToDictionary(s => s.Input, s => Tensor.Zeros(graph.GetInfo(s.Input).Type, graph.GetInfo(s.Input).Shape.ToConcrete()));
        var result = new float[tokens.Length][];
        for (int pos = 0; pos < tokens.Length; pos++)
        {
            var inputs = new Dictionary<string, Tensor>(states)
            {
                [sig.TokenInput] = Tensor.FromInt64s(new[] { 1 }, new[] { tokens[pos] }),
                [sig.PositionInput] = Tensor.FromInt64s(new[] { 1 }, new[] { (long)pos }),
            };
            var outputs = step(inputs);
            foreach (var s in sig.States) states[s.Input] = outputs[s.Output];
            result[pos] = outputs[sig.LogitsOutput].ToFloatArray();
        }
        return result;
    }

    /// <summary>Logits of every position from one full-sequence forward pass.</summary>
    public static float[][] FullLogits(TinyDecoder model, long[] tokens)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        var logits = model.forward(tensor(tokens, new long[] { 1, tokens.Length }))[0];
        var flat = logits.contiguous().data<float>().ToArray();
        int v = (int)logits.shape[1];
        return Enumerable.Range(0, tokens.Length).Select(t => flat[(t * v)..((t + 1) * v)]).ToArray();
    }
}
