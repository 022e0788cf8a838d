using EdgeToolkit.Onnx;

namespace EdgeToolkit.Text;

/// <summary>Sentence embeddings from an encoder run in ONNX Runtime (SentenceEmbedding's recipe).</summary>
public sealed class SentenceEmbedder(byte[] model) : IDisposable
{
    public const string StatesOutput = "last_hidden_state";

    private readonly OrtSession _session = new(model);

    /// <summary>The embedding of the token ids, run at their own length or padded to length.</summary>
    public float[] Embed(long[] tokenIds, int? length = null)
    {
        var feeds = SentenceEmbedding.Feeds(tokenIds, length);
        return SentenceEmbedding.FromStates(_session.Run(feeds)[StatesOutput], feeds);
    }

    public void Dispose() => _session.Dispose();
}
