namespace EdgeToolkit.Training.Reasoning;

/// <summary>Shape of the tiny decoder-only transformer.</summary>
public sealed record DecoderConfig(int Vocab, int MaxContext, int Layers, int DModel, int Heads, int FeedForward)
{
    public int HeadDim => DModel / Heads;

    /// <summary>Parameters, counted the way the model holds them (embeddings, per-layer weights, final norm and head).</summary>
    public long Parameters =>
        (long)Vocab * DModel + (long)MaxContext * DModel
        + Layers * (2L * 2 * DModel + 3L * DModel * DModel + 3 * DModel + DModel * DModel + DModel
                    + (long)DModel * FeedForward + FeedForward + (long)FeedForward * DModel + DModel)
        + 2L * DModel + (long)DModel * Vocab + Vocab;

    public void Validate()
    {
        if (Layers < 1 || DModel < 1 || Heads < 1 || FeedForward < 1 || DModel % Heads != 0)
            throw new EdgeToolkit.Graph.EdgeToolkitException(EdgeToolkit.Graph.ErrorKind.BadInput,
                $"bad decoder shape: {Layers} layers, d_model {DModel}, {Heads} heads, feed-forward {FeedForward}",
                hint: "use positive sizes with d_model divisible by the number of heads (e.g. --layers 3 --d-model 64 --heads 4)");
    }
}
