using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.Targets.Tests.Decoding;

/// <summary>
/// A tiny stateful "language model" built with GraphBuilder: a [Context, Width] cache written at
/// row `position` (Where over a one-hot Equal(rows, position)), and logits = MatMul(tanh(embedding(token)
/// + 0.6 * sum of the earlier rows), W) + b. Seeded weights, so greedy outputs are deterministic
/// but depend on the whole history.
/// </summary>
public static class SyntheticDecoder
{
    public const int Vocab = 12, Context = 8, Width = 4;

    public static ModelGraph Graph(int seed = 3)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder("toylm");
        var token = b.Input("token", DataType.Int64, 1);
        var position = b.Input("position", DataType.Int64, 1);
        var cache = b.Input("cache", DataType.Float32, Context, Width);

        var table = b.Constant("embedding", ExampleModels.Uniform(rng, new[] { Vocab, Width }, 1.5f));
        var embedded = b.OpNamed("embed", "Gather", new[] { table, token }); // [1, Width]
        var rows = b.Constant("rows", Tensor.FromInt64s(new[] { Context, 1 }, Enumerable.Range(0, Context).Select(i => (long)i).ToArray()));
        var here = b.OpNamed("here", "Equal", new[] { rows, position }); // [Context, 1] one-hot
        var written = b.OpNamed("write", "Where", new[] { here, embedded, cache });
        var axes = b.Constant("axes", Tensor.Vector(0L));
        var history = b.OpNamed("history", "ReduceSum", new[] { cache, axes }, NodeAttribute.Of("keepdims", 1L)); // [1, Width]
        var scaled = b.OpNamed("decay", "Mul", new[] { history, b.Constant("decay_factor", Tensor.Scalar(0.6f)) });
        var mixed = b.OpNamed("tanh", "Tanh", new[] { b.OpNamed("mix", "Add", new[] { embedded, scaled }) });
        var weight = b.Constant("head.weight", ExampleModels.Uniform(rng, new[] { Width, Vocab }, 1.0f));
        var bias = b.Constant("head.bias", ExampleModels.Uniform(rng, new[] { Vocab }, 0.2f));
        var logits = b.OpNamed("head_bias", "Add", new[] { b.OpNamed("head", "MatMul", new[] { mixed, weight }), bias });
        b.Output(b.Rename(logits, "logits"));
        b.Output(b.Rename(written, "cache_out"));
        return b.Graph;
    }

    public static DecoderSignature Signature(long endToken, int maxContext = Context) =>
        new("token", "position", "logits", new[] { new StatePair("cache", "cache_out") }, endToken, maxContext);
}
