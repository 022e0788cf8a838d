using EdgeToolkit.Graph;

namespace EdgeToolkit.Text;

/// <summary>
/// Sentence embeddings the sentence-transformers way, the same arithmetic whoever computed the
/// token states (ONNX Runtime or the generated C): the encoder's last hidden states averaged over
/// the tokens whose attention mask is 1, then scaled to unit length (so a dot product is the
/// cosine similarity). Padding tokens have mask 0 and so do not count.
/// </summary>
public static class SentenceEmbedding
{
    /// <summary>
    /// input_ids, attention_mask and token_type_ids (all zero: one segment) for one sentence, padded
    /// with id 0 and mask 0 to length (null: the sentence's own length).
    /// </summary>
    public static Dictionary<string, Tensor> Feeds(long[] tokenIds, int? length = null)
    {
        int n = length ?? tokenIds.Length;
        if (tokenIds.Length > n) throw new ArgumentException($"{tokenIds.Length} tokens do not fit a length of {n}: encode with maxTokens = {n}");
        var ids = new long[n];
        var mask = new long[n];
        Array.Copy(tokenIds, ids, tokenIds.Length);
        Array.Fill(mask, 1L, 0, tokenIds.Length);
        return new Dictionary<string, Tensor>
        {
            ["input_ids"] = Tensor.FromInt64s(new[] { 1, n }, ids),
            ["attention_mask"] = Tensor.FromInt64s(new[] { 1, n }, mask),
            ["token_type_ids"] = Tensor.FromInt64s(new[] { 1, n }, new long[n]),
        };
    }

    /// <summary>The unit-length mean of the [1, tokens, width] states over the feeds' attention mask.</summary>
    public static float[] FromStates(Tensor states, IReadOnlyDictionary<string, Tensor> feeds) =>
        Normalize(MeanPool(states, feeds["attention_mask"].ToInt64Array()));

    /// <summary>Mean of the [1, tokens, width] states over the tokens whose mask is 1.</summary>
    public static float[] MeanPool(Tensor states, long[] mask)
    {
        int tokens = states.Shape[1], width = states.Shape[2];
        var f = states.Floats;
        var sum = new double[width];
        int counted = 0;
        for (int t = 0; t < tokens; t++)
        {
            if (mask[t] == 0) continue;
            counted++;
            for (int d = 0; d < width; d++) sum[d] += f[t * width + d];
        }
        return sum.Select(s => (float)(s / Math.Max(counted, 1))).ToArray();
    }

    public static float[] Normalize(float[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => (float)(x / Math.Max(norm, 1e-12))).ToArray();
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { dot += (double)a[i] * b[i]; na += (double)a[i] * a[i]; nb += (double)b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }
}
