using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Greedy decoding with the full-sequence forward pass (no cache): the reference the exported
/// one-step graph is checked against, and the held-out check during training. All prompts go in
/// one batch; rows whose prompt is longer keep feeding prompt tokens while shorter ones generate.
/// </summary>
public static class TorchGreedyDecoder
{
    /// <returns>The generated tokens of each prompt, ending with the end token when it came.</returns>
    public static long[][] Decode(TinyDecoder model, IReadOnlyList<long[]> prompts, int maxNewTokens)
    {
        int n = prompts.Count, context = model.Config.MaxContext;
        var buffer = new long[n, context + 1];
        var generated = prompts.Select(_ => new List<long>()).ToArray();
        var done = new bool[n];
        for (int r = 0; r < n; r++)
        {
            if (prompts[r].Length == 0 || prompts[r].Length > context) throw new ArgumentException($"prompt {r} has {prompts[r].Length} tokens (1..{context} allowed)");
            for (int t = 0; t < prompts[r].Length; t++) buffer[r, t] = prompts[r][t];
        }
        bool wasTraining = model.training;
        model.eval();
        using (no_grad())
        {
            // As GreedyDecoding: the step at the last position (context - 1) still yields one token.
            for (int t = prompts.Min(p => p.Length); t <= context && done.Contains(false); t++)
            {
                using var scope = NewDisposeScope();
                var flat = new long[n * t];
                for (int r = 0; r < n; r++) for (int i = 0; i < t; i++) flat[r * t + i] = buffer[r, i];
                var logits = model.forward(tensor(flat, new long[] { n, t }));
                var next = logits.select(1, t - 1).argmax(-1).data<long>().ToArray();
                for (int r = 0; r < n; r++)
                {
                    if (done[r] || t < prompts[r].Length) continue;
                    buffer[r, t] = next[r];
                    generated[r].Add(next[r]);
                    if (next[r] == ArithmeticVocabulary.EndToken || generated[r].Count >= maxNewTokens) done[r] = true;
                }
            }
        }
        if (wasTraining) model.train();
        return generated.Select(g => g.ToArray()).ToArray();
    }
}
