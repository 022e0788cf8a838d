using static TorchSharp.torch;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Next-token training tensors for a batch of problems: inputs are the text without its last
/// token, targets the text shifted by one, and the loss mask keeps only the answer tokens (the
/// prompt is given, the padding after the end token is not part of the problem).
/// </summary>
public static class ArithmeticBatch
{
    public static (Tensor Inputs, Tensor Targets, Tensor LossMask) Make(IReadOnlyList<ArithmeticProblem> problems, bool scratchpad,
        int? sequenceLength = null)
    {
        // Padded to the longest text of the batch unless a length is given.
        int length = sequenceLength ?? problems.Max(p => p.Text(scratchpad).Length);
        int n = problems.Count, steps = length - 1;
        var inputs = new long[n * steps];
        var targets = new long[n * steps];
        var mask = new float[n * steps];
        for (int r = 0; r < n; r++)
        {
            var p = problems[r];
            var text = ArithmeticVocabulary.Encode(p.Text(scratchpad));
            if (text.Length > length) throw new ArgumentException($"problem '{p.Text(scratchpad)}' is longer than {length} tokens");
            int promptLength = p.Prompt.Length;
            for (int t = 0; t < steps; t++)
            {
                inputs[r * steps + t] = t < text.Length ? text[t] : ArithmeticVocabulary.EndToken;
                targets[r * steps + t] = t + 1 < text.Length ? text[t + 1] : ArithmeticVocabulary.EndToken;
                mask[r * steps + t] = t + 1 >= promptLength && t + 1 < text.Length ? 1f : 0f;
            }
        }
        return (tensor(inputs, new long[] { n, steps }), tensor(targets, new long[] { n, steps }), tensor(mask, new long[] { n, steps }));
    }
}
