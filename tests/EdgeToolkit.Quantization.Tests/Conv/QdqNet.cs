using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Quantization;
using EdgeToolkit.Quantization.Tests.Support;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>
/// Writes a small network once and builds it twice: as float (to calibrate each activation's range
/// on sample inputs) and as a QDQ graph with those ranges, the way a post-training quantizer
/// would. Weights come from a seeded generator per layer, so both builds hold the same values.
/// </summary>
public sealed class QdqNet
{
    private readonly Dictionary<string, QuantParams>? _ranges;
    private readonly Dictionary<string, QuantParams> _paramsOf = new();
    private readonly Dictionary<string, string> _recorded;
    private readonly int _seed;

    public QdqBuild Q { get; }
    public GraphBuilder B => Q.B;
    public bool Quantized => _ranges != null;

    private QdqNet(string name, int seed, Dictionary<string, QuantParams>? ranges, Dictionary<string, string> recorded)
    {
        Q = new QdqBuild(name);
        _seed = seed; _ranges = ranges; _recorded = recorded;
    }

    /// <summary>Builds `body` as float, calibrates every activation on the inputs, and returns the QDQ graph.</summary>
    public static ModelGraph Build(string name, int seed, Func<QdqNet, string> body, IReadOnlyList<Dictionary<string, Tensor>> calibration)
    {
        var recorded = new Dictionary<string, string>();
        var fp = new QdqNet(name, seed, null, recorded);
        fp.B.Output(body(fp));
        var lo = new Dictionary<string, float>();
        var hi = new Dictionary<string, float>();
        foreach (var inputs in calibration)
        {
            var all = Evaluator.Run(fp.B.Graph, inputs, keepAll: true);
            foreach (var (tag, value) in recorded)
                foreach (var v in all[value].Floats)
                {
                    lo[tag] = Math.Min(lo.GetValueOrDefault(tag, 0f), v);
                    hi[tag] = Math.Max(hi.GetValueOrDefault(tag, 0f), v);
                }
        }
        var ranges = recorded.Keys.ToDictionary(t => t, t => QuantParams.Asymmetric(lo[t], hi[t]));
        var q = new QdqNet(name, seed, ranges, new Dictionary<string, string>());
        q.B.Output(body(q));
        return q.B.Graph;
    }

    /// <summary>The float build alone (no calibration, no Q/DQ).</summary>
    public static ModelGraph BuildFloat(string name, int seed, Func<QdqNet, string> body)
    {
        var fp = new QdqNet(name, seed, null, new Dictionary<string, string>());
        fp.B.Output(body(fp));
        return fp.B.Graph;
    }

    /// <summary>A graph input of shape [1, ...], quantized like an activation.</summary>
    public string Input(string name, params long[] shape) => Act(B.Input(name, DataType.Float32, shape), name);

    /// <summary>value -> Q -> DQ with the calibrated range of `tag` (float build: records the value).</summary>
    public string Act(string value, string tag)
    {
        if (!Quantized) { _recorded[tag] = value; return value; }
        var p = _ranges![tag];
        var dq = Q.Activation(value, p, tag);
        _paramsOf[dq] = p;
        return dq;
    }

    /// <summary>value -> Q -> DQ with the same parameters as `like` (for MaxPool, Flatten...).</summary>
    public string ActLike(string value, string like, string tag)
    {
        if (!Quantized) return value;
        var p = _paramsOf[like];
        var dq = Q.Activation(value, p, tag);
        _paramsOf[dq] = p;
        return dq;
    }

    /// <summary>Conv (+ activation) with seeded weights, then its output quantized.</summary>
    public string Conv(string x, string tag, int inChannels, int outChannels, int[] kernel, int[]? strides = null, int[]? pads = null,
        int[]? dilations = null, int group = 1, string? activation = null)
    {
        var rng = new Random(_seed * 7919 + tag.Aggregate(17, (h, c) => h * 31 + c)); // stable across processes
        var wShape = new[] { outChannels, inChannels / group }.Concat(kernel).ToArray();
        var w = ExampleModels.Uniform(rng, wShape, MathF.Sqrt(3f / (inChannels / group * kernel.Aggregate(1, (a, k) => a * k))));
        var b = ExampleModels.Uniform(rng, new[] { outChannels }, 0.2f);
        return Conv(x, tag, w, b, strides, pads, dilations, group, activation);
    }

    /// <summary>Conv (+ activation) with the given float weights [M, C/group, k...] and bias [M], then its output quantized.</summary>
    public string Conv(string x, string tag, Tensor w, Tensor bias, int[]? strides = null, int[]? pads = null,
        int[]? dilations = null, int group = 1, string? activation = null)
    {
        int outChannels = w.Shape[0];
        var kernel = w.Shape[2..];
        var b = bias.Floats;
        string wv, bv;
        if (Quantized)
        {
            var (wq, scales) = Q.Weight(tag + "_w", w, 0);
            wv = wq;
            bv = Q.Bias(tag + "_b", b, _paramsOf[x].Scale, scales);
        }
        else { wv = B.Constant(tag + "_w", w); bv = B.Constant(tag + "_b", Tensor.FromFloats(new[] { outChannels }, b)); }
        var attrs = new List<NodeAttribute> { NodeAttribute.Of("kernel_shape", kernel.Select(k => (long)k).ToArray()), NodeAttribute.Of("group", (long)group) };
        if (strides != null) attrs.Add(NodeAttribute.Of("strides", strides.Select(k => (long)k).ToArray()));
        if (pads != null) attrs.Add(NodeAttribute.Of("pads", pads.Select(k => (long)k).ToArray()));
        if (dilations != null) attrs.Add(NodeAttribute.Of("dilations", dilations.Select(k => (long)k).ToArray()));
        var y = B.OpNamed(tag, "Conv", new[] { x, wv, bv }, attrs.ToArray());
        y = activation switch
        {
            null => y,
            "Relu" => B.OpNamed(tag + "_relu", "Relu", new[] { y }),
            "Relu6" => B.OpNamed(tag + "_clip", "Clip", new[] { y, B.Constant(tag + "_lo", Tensor.Scalar(0f)), B.Constant(tag + "_hi", Tensor.Scalar(6f)) }),
            _ => throw new ArgumentException(activation),
        };
        return Act(y, tag + "_y");
    }

    public string MaxPool(string x, string tag, int[] kernel, int[] strides) =>
        ActLike(B.OpNamed(tag, "MaxPool", new[] { x },
            NodeAttribute.Of("kernel_shape", kernel.Select(k => (long)k).ToArray()), NodeAttribute.Of("strides", strides.Select(k => (long)k).ToArray())), x, tag + "_y");

    public string Flatten(string x, string tag) => ActLike(B.OpNamed(tag, "Flatten", new[] { x }, NodeAttribute.Of("axis", 1L)), x, tag + "_y");

    public string GlobalAveragePool(string x, string tag) => Act(B.OpNamed(tag, "GlobalAveragePool", new[] { x }), tag + "_y");

    public string Add(string a, string b, string tag, bool relu = false)
    {
        var y = B.OpNamed(tag, "Add", new[] { a, b });
        return Act(relu ? B.OpNamed(tag + "_relu", "Relu", new[] { y }) : y, tag + "_y");
    }

    public string Mul(string a, string b, string tag) => Act(B.OpNamed(tag, "Mul", new[] { a, b }), tag + "_y");
}
