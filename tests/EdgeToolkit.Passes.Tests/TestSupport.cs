using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;

namespace EdgeToolkit.Passes.Tests;

/// <summary>Shared helpers: seeded tensors, evaluating a graph, comparing outputs.</summary>
internal static class TestSupport
{
    public static Tensor Random(int seed, params int[] shape)
    {
        var rng = new System.Random(seed);
        var data = new float[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return Tensor.FromFloats(shape, data);
    }

    /// <summary>Strictly positive values (variances).</summary>
    public static Tensor Positive(int seed, params int[] shape)
    {
        var t = Random(seed, shape);
        return Tensor.FromFloats(shape, t.Floats.Select(v => 0.5f + Math.Abs(v)).ToArray());
    }

    public static Dictionary<string, Tensor> Run(ModelGraph g, params (string Name, Tensor Value)[] inputs) =>
        Evaluator.Run(g, inputs.ToDictionary(i => i.Name, i => i.Value));

    /// <summary>Same output names, shapes and values within tol (0 = exactly equal).</summary>
    public static void AssertSameOutputs(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual, double tol = 0)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
        foreach (var (name, e) in expected)
        {
            var a = actual[name];
            Assert.Equal(e.Type, a.Type);
            Assert.Equal(e.Shape, a.Shape);
            for (int i = 0; i < e.Length; i++)
            {
                double x = e.GetDouble(i), y = a.GetDouble(i);
                Assert.True(Math.Abs(x - y) <= tol * Math.Max(1, Math.Abs(x)), $"{name}[{i}]: expected {x}, got {y}");
            }
        }
    }

    public static int Count(ModelGraph g, string op) => g.Nodes.Count(n => n.OpType == op);

    public static Node Node(string name, string op, string[] inputs, string[] outputs, params NodeAttribute[] attrs)
    {
        var n = new Node(name, op, inputs, outputs);
        foreach (var a in attrs) n.Attributes[a.Name] = a;
        return n;
    }
}
