using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Tests.MathOps;

/// <summary>
/// Builds a one-node graph in memory and runs it through ShapeInference.Run and Evaluator.Run,
/// checking on the way that the inferred type and shape match what evaluation produced.
/// </summary>
internal sealed class OpCase
{
    private readonly ModelGraph _graph = new();
    private readonly Node _node;
    private readonly Dictionary<string, Tensor> _feeds = new();

    public OpCase(string opType, int opset = 17, int outputs = 1)
    {
        _graph.Opset = opset;
        _node = new Node("node_" + opType, opType, Array.Empty<string>(), Enumerable.Range(0, outputs).Select(i => $"y{i}"));
        _graph.Nodes.Add(_node);
    }

    private string NextName() => $"x{_node.Inputs.Count}";

    /// <summary>A runtime graph input with a value.</summary>
    public OpCase In(Tensor t)
    {
        var name = NextName();
        _graph.Inputs.Add(t.Info(name));
        _feeds[name] = t;
        _node.Inputs.Add(name);
        return this;
    }

    /// <summary>An initializer (visible to shape inference as a constant).</summary>
    public OpCase Const(Tensor t)
    {
        var name = NextName();
        _graph.Initializers[name] = t;
        _node.Inputs.Add(name);
        return this;
    }

    /// <summary>An omitted optional input.</summary>
    public OpCase Missing() { _node.Inputs.Add(""); return this; }

    /// <summary>A graph input known only by type and (possibly symbolic) shape: for inference only.</summary>
    public OpCase Sym(DataType type, SymShape shape)
    {
        var name = NextName();
        _graph.Inputs.Add(new ValueInfo(name, type, shape));
        _node.Inputs.Add(name);
        return this;
    }

    public OpCase Attr(string name, long v) { _node.With(NodeAttribute.Of(name, v)); return this; }
    public OpCase Attr(string name, float v) { _node.With(NodeAttribute.Of(name, v)); return this; }
    public OpCase Attr(string name, string v) { _node.With(NodeAttribute.Of(name, v)); return this; }
    public OpCase Ints(string name, params long[] v) { _node.With(NodeAttribute.Of(name, v)); return this; }

    public ValueInfo[] Infer()
    {
        foreach (var o in _node.Outputs) _graph.Outputs.Add(new ValueInfo(o, DataType.Undefined, SymShape.UnknownRank));
        ShapeInference.Run(_graph);
        return _node.Outputs.Select(o => _graph.ValueInfos[o]).ToArray();
    }

    public Tensor[] Run()
    {
        var infos = Infer();
        var outs = Evaluator.Run(_graph, _feeds);
        var result = _node.Outputs.Select(o => outs[o]).ToArray();
        for (int i = 0; i < result.Length; i++)
        {
            Assert.Equal(infos[i].Type, result[i].Type);
            Assert.Equal(infos[i].Shape, result[i].SymShape);
        }
        return result;
    }

    public Tensor Run1() => Run()[0];
}

/// <summary>Short tensor factories and a float comparison, to keep test cases one line each.</summary>
internal static class T
{
    public static Tensor F(int[] shape, params float[] v) => Tensor.FromFloats(shape, v);
    public static Tensor F(params float[] v) => Tensor.Vector(v);
    public static Tensor L(int[] shape, params long[] v) => Tensor.FromInt64s(shape, v);
    public static Tensor L(params long[] v) => Tensor.Vector(v);
    public static Tensor I(params int[] v) => Tensor.FromInt32s(new[] { v.Length }, v);
    public static Tensor B(params bool[] v) => new(DataType.Bool, new[] { v.Length }, v);
    public static int[] S(params int[] s) => s;

    public static void Close(double[] expected, Tensor actual, double tol = 1e-6)
    {
        var a = actual.Floats;
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(expected[i])) { Assert.True(float.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}"); continue; }
            if (double.IsInfinity(expected[i])) { Assert.Equal(expected[i], (double)a[i]); continue; }
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {a[i]}");
        }
    }

    public static void Close(Tensor actual, params double[] expected) => Close(expected, actual);
}
