using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Quantization.Tests.Text;

/// <summary>
/// Sentence embeddings the sentence-transformers way: the encoder's token states averaged over
/// the attention mask, then scaled to unit length (so a dot product is the cosine similarity).
/// </summary>
public sealed class SentenceEmbedder(byte[] model) : IDisposable
{
    private readonly OrtSession _session = new(model);

    public float[] Embed(long[] tokenIds)
    {
        var mask = Enumerable.Repeat(1L, tokenIds.Length).ToArray();
        var states = _session.Run(Feeds(tokenIds, mask))["last_hidden_state"];
        return Normalize(MeanPool(states, mask));
    }

    /// <summary>input_ids, attention_mask and token_type_ids (all zero: one segment) for one sentence.</summary>
    public static Dictionary<string, Tensor> Feeds(long[] tokenIds, long[] mask) => new()
    {
        ["input_ids"] = Tensor.FromInt64s(new[] { 1, tokenIds.Length }, tokenIds),
        ["attention_mask"] = Tensor.FromInt64s(new[] { 1, tokenIds.Length }, mask),
        ["token_type_ids"] = Tensor.FromInt64s(new[] { 1, tokenIds.Length }, new long[tokenIds.Length]),
    };

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

    public void Dispose() => _session.Dispose();
}
