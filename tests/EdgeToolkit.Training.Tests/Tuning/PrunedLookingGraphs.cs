using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.Training.Tests.Tuning;

/// <summary>
/// Small graphs with the odd widths pruning leaves (5, 3 channels) and the ops and attributes the
/// zoo models do not exercise: asymmetric and automatic pads, strides, dilations, groups,
/// ceil_mode, 1-D windows, Gemm's alpha/beta/transB=0, embedding lookups, masks, attention,
/// vector MatMuls, constants concatenated with batched values.
/// </summary>
internal static class PrunedLookingGraphs
{
    public const int Vocabulary = 10;

    private static Tensor Random(Random rng, int[] shape, double scale = 0.5, double offset = 0) =>
        Tensor.FromFloats(shape, Enumerable.Range(0, (int)Tensor.ElementCountOf(shape)).Select(_ => (float)(offset + scale * (2 * rng.NextDouble() - 1))).ToArray());

    private static NodeAttribute Ints(string name, params long[] v) => NodeAttribute.Of(name, v);

    public static ModelGraph Convolutional()
    {
        var rng = new Random(7);
        var b = new GraphBuilder("pruned_conv", opset: 17);
        var image = b.Input("image", DataType.Float32, 1, 3, 9, 9);
        var signal = b.Input("signal", DataType.Float32, 1, 2, 10);
        var c1 = b.Op("Conv", new[] { image, b.Constant("c1.weight", Random(rng, new[] { 5, 3, 3, 3 })), b.Constant("c1.bias", Random(rng, new[] { 5 })) },
            Ints("strides", 2, 1), Ints("pads", 1, 0, 2, 1));
        var bn = b.Op("BatchNormalization", new[] { c1, b.Constant("bn.weight", Random(rng, new[] { 5 }, 0.3, 1)), b.Constant("bn.bias", Random(rng, new[] { 5 })),
            b.Constant("bn.mean", Random(rng, new[] { 5 })), b.Constant("bn.var", Random(rng, new[] { 5 }, 0.2, 0.6)) }, NodeAttribute.Of("epsilon", 1e-3f));
        var act = b.Op("LeakyRelu", new[] { bn }, NodeAttribute.Of("alpha", 0.2f));
        var depthwise = b.Op("Conv", new[] { act, b.Constant("dw.weight", Random(rng, new[] { 5, 1, 3, 3 })) },
            NodeAttribute.Of("group", 5L), Ints("pads", 2, 2, 2, 2), Ints("dilations", 2, 2));
        var maxPool = b.Op("MaxPool", new[] { depthwise }, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), NodeAttribute.Of("ceil_mode", 1L));
        var avgPool = b.Op("AveragePool", new[] { maxPool }, Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1));
        var pooled = b.Op("Flatten", new[] { b.Op("GlobalAveragePool", new[] { avgPool }) });
        var s1 = b.Op("Conv", new[] { signal, b.Constant("s1.weight", Random(rng, new[] { 3, 2, 3 })), b.Constant("s1.bias", Random(rng, new[] { 3 })) },
            NodeAttribute.Of("auto_pad", "SAME_UPPER"), Ints("strides", 2));
        var s2 = b.Op("MaxPool", new[] { s1 }, Ints("kernel_shape", 2), Ints("strides", 2), Ints("pads", 0, 1));
        var signalFeatures = b.Op("Flatten", new[] { b.Op("Sigmoid", new[] { s2 }) });
        var features = b.Op("Concat", new[] { pooled, signalFeatures }, NodeAttribute.Of("axis", 1L));
        var scores = b.Op("Gemm", new[] { features, b.Constant("head.weight", Random(rng, new[] { 14, 4 })), b.Constant("head.bias", Random(rng, new[] { 1, 4 })) },
            NodeAttribute.Of("alpha", 0.5f), NodeAttribute.Of("beta", 2f));
        b.Output(b.Rename(b.Op("Softmax", new[] { scores }, NodeAttribute.Of("axis", 1L)), "probabilities"));
        var side = b.Op("Gemm", new[] { features, b.Constant("side.weight", Random(rng, new[] { 3, 14 })), b.Constant("side.bias", Random(rng, new[] { 3 })) },
            NodeAttribute.Of("transB", 1L));
        b.Output(b.Rename(b.Op("Tanh", new[] { side }), "side"));
        return b.Graph;
    }

    public static ModelGraph Sequence()
    {
        var rng = new Random(8);
        var b = new GraphBuilder("pruned_sequence", opset: 20);
        var tokens = b.Input("tokens", DataType.Int64, 1, 4);
        var features = b.Input("features", DataType.Float32, 4, 6);
        var embedded = b.Op("Gather", new[] { b.Constant("embedding", Random(rng, new[] { Vocabulary, 6 }, 1)), tokens });
        var isThree = b.Op("Cast", new[] { b.Op("Equal", new[] { tokens, b.Constant("three", Tensor.Scalar(3L)) }) }, NodeAttribute.Of("to", (long)DataType.Float32));
        var keep = b.Op("Sub", new[] { b.Constant("one", Tensor.Scalar(1f)),
            b.Op("Mul", new[] { b.Op("Unsqueeze", new[] { isThree, b.Constant("last_axis", Tensor.Vector(2L)) }), b.Constant("half", Tensor.Scalar(0.5f)) }) });
        var rows = b.Op("Squeeze", new[] { b.Op("Mul", new[] { embedded, keep }), b.Constant("first_axis", Tensor.Vector(0L)) });
        var norm = b.Op("LayerNormalization", new[] { b.Op("Add", new[] { rows, features }), b.Constant("ln.weight", Random(rng, new[] { 6 }, 0.3, 1)),
            b.Constant("ln.bias", Random(rng, new[] { 6 })) }, NodeAttribute.Of("axis", -1L));
        var q = b.Op("MatMul", new[] { norm, b.Constant("q.weight", Random(rng, new[] { 6, 6 }, 1)) });
        var keysT = b.Op("Transpose", new[] { b.Op("MatMul", new[] { norm, b.Constant("k.weight", Random(rng, new[] { 6, 6 }, 1)) }) });
        var scores = b.Op("Div", new[] { b.Op("MatMul", new[] { q, keysT }), b.Constant("two", Tensor.Scalar(2f)) });
        var folded = b.Op("Where", new[] { b.Op("Less", new[] { scores, b.Constant("minus_one", Tensor.Scalar(-1f)) }), b.Op("Neg", new[] { scores }), scores });
        var attended = b.Op("MatMul", new[] { b.Op("Softmax", new[] { folded }, NodeAttribute.Of("axis", -1L)), norm });
        var wide = b.Op("Reshape", new[] { b.Op("Unsqueeze", new[] { b.Op("Gelu", new[] { attended }), b.Constant("front_axis", Tensor.Vector(0L)) }),
            b.Constant("keep_first", Tensor.Vector(0L, -1L)) });
        var clipped = b.Op("Clip", new[] { wide, b.Constant("lo", Tensor.Scalar(-0.5f)), b.Constant("hi", Tensor.Scalar(0.5f)) });
        var joined = b.Op("Concat", new[] { clipped, b.Constant("extra", Random(rng, new[] { 1, 3 })) }, NodeAttribute.Of("axis", 1L));
        b.Output(b.Rename(b.Op("Gather", new[] { joined, b.Constant("picks", Tensor.Vector(0L, -1L, 5L)) }, NodeAttribute.Of("axis", 1L)), "picked"));
        var flat = b.Op("Reshape", new[] { joined, b.Constant("flat", Tensor.Vector(-1L)) });
        var vector = b.Op("MatMul", new[] { flat, b.Constant("v.weight", Random(rng, new[] { 27, 3 }, 1)) });
        b.Output(b.Rename(b.Op("MatMul", new[] { b.Constant("m.weight", Random(rng, new[] { 2, 3 }, 1)), vector }), "projected"));
        b.Output(b.Rename(b.Op("MatMul", new[] { vector, b.Constant("u", Random(rng, new[] { 3 }, 1)) }), "dot"));
        var decay = b.Op("Sqrt", new[] { b.Op("Exp", new[] { b.Op("Neg", new[] { b.Op("Abs", new[] { vector }) }) }) });
        b.Output(b.Rename(b.Op("Pow", new[] { decay, b.Constant("square", Tensor.Scalar(2f)) }), "decay"));
        return b.Graph;
    }

    /// <summary>Opset 10 forms (Softmax over everything from the axis on, Clip, Squeeze and Unsqueeze axes as attributes), 3-D conv, batched x batched MatMul.</summary>
    public static ModelGraph OlderOpset()
    {
        var rng = new Random(9);
        var b = new GraphBuilder("older_opset", opset: 10);
        var x = b.Input("x", DataType.Float32, 1, 3, 4);
        var y = b.Input("y", DataType.Float32, 2, 3);
        var volume = b.Input("volume", DataType.Float32, 1, 2, 3, 4, 4);
        var kept = b.Op("Identity", new[] { b.Op("Dropout", new[] { x }, NodeAttribute.Of("ratio", 0.3f)) });
        b.Output(b.Rename(b.Op("Softmax", new[] { kept }, NodeAttribute.Of("axis", 1L)), "softmax_from_axis"));
        b.Output(b.Rename(b.Op("LogSoftmax", new[] { kept }, NodeAttribute.Of("axis", 2L)), "log_softmax"));
        var column = b.Op("Unsqueeze", new[] { x }, Ints("axes", 3));
        b.Output(b.Rename(b.Op("Squeeze", new[] { b.Op("GlobalMaxPool", new[] { column }) }), "channel_max"));
        b.Output(b.Rename(b.Op("Clip", new[] { b.Op("MatMul", new[] { x, b.Op("Transpose", new[] { x }, Ints("perm", 0, 2, 1)) }) },
            NodeAttribute.Of("min", -1f), NodeAttribute.Of("max", 2f)), "gram"));
        b.Output(b.Rename(b.Op("MatMul", new[] { y, x }), "mixed"));
        var conv = b.Op("Conv", new[] { volume, b.Constant("v.weight", Random(rng, new[] { 2, 2, 2, 2, 2 })) }, Ints("pads", 0, 1, 0, 1, 0, 1));
        b.Output(b.Rename(b.Op("Squeeze", new[] { b.Op("AveragePool", new[] { conv }, Ints("kernel_shape", 2, 2, 2), Ints("strides", 1, 2, 2)) }, Ints("axes", 0)), "pooled_volume"));
        return b.Graph;
    }
}
