using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>
/// A one-node graph built in memory, run through ShapeInference.Run and Evaluator.Run. Run checks
/// that the inferred type and shape of every output match what evaluation produced.
/// </summary>
internal sealed class OpRunner
{
    public ModelGraph Graph { get; } = new();
    public Node Node { get; }
    private readonly Dictionary<string, Tensor> _feeds = new();

    public OpRunner(string opType, int opset = 17, int outputs = 1)
    {
        Graph.Opset = opset;
        Node = new Node("node_" + opType, opType, Array.Empty<string>(), Enumerable.Range(0, outputs).Select(i => $"y{i}"));
        Graph.Nodes.Add(Node);
    }

    private string NextName() => $"x{Node.Inputs.Count}";

    /// <summary>A runtime input: its value is unknown to shape inference.</summary>
    public OpRunner In(Tensor t)
    {
        var name = NextName();
        Graph.Inputs.Add(t.Info(name));
        _feeds[name] = t;
        Node.Inputs.Add(name);
        return this;
    }

    /// <summary>An initializer: shape inference sees its value.</summary>
    public OpRunner Const(Tensor t)
    {
        var name = NextName();
        Graph.Initializers[name] = t;
        Node.Inputs.Add(name);
        return this;
    }

    public OpRunner Missing() { Node.Inputs.Add(""); return this; }

    /// <summary>An input known only by type and shape, for inference-only tests.</summary>
    public OpRunner Sym(DataType type, params Dim[] dims)
    {
        var name = NextName();
        Graph.Inputs.Add(new ValueInfo(name, type, new SymShape(dims)));
        Node.Inputs.Add(name);
        return this;
    }

    public OpRunner Attr(string name, long v) { Node.With(NodeAttribute.Of(name, v)); return this; }
    public OpRunner Attr(string name, float v) { Node.With(NodeAttribute.Of(name, v)); return this; }
    public OpRunner Attr(string name, string v) { Node.With(NodeAttribute.Of(name, v)); return this; }
    /// <summary>An ints attribute (a single long would bind to the int overload: pass new long[] { v }).</summary>
    public OpRunner Attr(string name, params long[] v) { Node.With(NodeAttribute.Of(name, v)); return this; }
    public OpRunner Attr(string name, float[] v) { Node.With(NodeAttribute.Of(name, v)); return this; }
    public OpRunner Attr(string name, Tensor v) { Node.With(NodeAttribute.Of(name, v)); return this; }
    public OpRunner Attr(string name, ModelGraph v) { Node.With(NodeAttribute.Of(name, v)); return this; }

    public ValueInfo[] Infer()
    {
        Graph.Outputs.Clear();
        foreach (var o in Node.Outputs.Where(o => o.Length > 0)) Graph.Outputs.Add(new ValueInfo(o, DataType.Undefined, SymShape.UnknownRank));
        ShapeInference.Run(Graph);
        return Node.Outputs.Select(o => Graph.ValueInfos[o]).ToArray();
    }

    public SymShape InferShape() => Infer()[0].Shape;

    public Tensor[] Run()
    {
        var infos = Infer();
        var outs = Evaluator.Run(Graph, _feeds);
        var result = Node.Outputs.Select(o => outs[o]).ToArray();
        for (int i = 0; i < result.Length; i++)
        {
            Assert.Equal(infos[i].Type, result[i].Type);
            AssertCompatible(infos[i].Shape, result[i].Shape);
        }
        return result;
    }

    public Tensor Run1() => Run()[0];

    /// <summary>Every known inferred dim must equal the computed one; unknown and symbolic dims match any size.</summary>
    private static void AssertCompatible(SymShape inferred, int[] actual)
    {
        if (!inferred.HasRank) return;
        Assert.Equal(inferred.Rank, actual.Length);
        for (int d = 0; d < actual.Length; d++)
            if (inferred[d].IsKnown) Assert.Equal(inferred[d].Value, actual[d]);
    }

    /// <summary>The reason shape inference refuses the node (CheckSupported or an inference error).</summary>
    public string Refusal() => Assert.Throws<EdgeToolkitException>(() => Infer()).Problem;
}

/// <summary>Short tensor builders for the tests.</summary>
internal static class Make
{
    public static Tensor F(int[] shape, params float[] v) => Tensor.FromFloats(shape, v);
    public static Tensor L(params long[] v) => Tensor.Vector(v);
    public static Tensor L(int[] shape, params long[] v) => Tensor.FromInt64s(shape, v);
    public static Tensor I(int[] shape, params int[] v) => Tensor.FromInt32s(shape, v);
    public static Tensor B(int[] shape, params bool[] v) => new(DataType.Bool, shape, v);
    public static Tensor U8(int[] shape, params byte[] v) => new(DataType.UInt8, shape, v);
    public static Tensor I8(int[] shape, params sbyte[] v) => new(DataType.Int8, shape, v);
    public static int[] S(params int[] s) => s;

    /// <summary>0, 1, 2, ... as float32 of the given shape.</summary>
    public static Tensor Iota(params int[] shape) =>
        Tensor.FromFloats(shape, Enumerable.Range(0, (int)Tensor.ElementCountOf(shape)).Select(i => (float)i).ToArray());

    public static Tensor Random(int seed, params int[] shape)
    {
        var r = new Random(seed);
        return Tensor.FromFloats(shape, Enumerable.Range(0, (int)Tensor.ElementCountOf(shape)).Select(_ => r.NextSingle() * 2 - 1).ToArray());
    }

    public static SymShape Shape(params Dim[] dims) => new(dims);

    public static void Close(IReadOnlyList<float> expected, Tensor actual, double tol = 1e-5)
    {
        var a = actual.Floats;
        Assert.Equal(expected.Count, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(System.Math.Abs(expected[i] - a[i]) <= tol * System.Math.Max(1, System.Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {a[i]}");
    }
}
