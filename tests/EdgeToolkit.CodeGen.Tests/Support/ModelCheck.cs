using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// The end-to-end check: the reference evaluator on the unfused graph, then the generated C
/// (after an optional fusion step) compiled and run on the host; outputs must agree.
/// </summary>
public static class ModelCheck
{
    public static Tensor Random(int[] shape, int seed, float limit = 1f)
    {
        var rng = new Random(seed);
        var d = new float[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = (float)(rng.NextDouble() * 2 - 1) * limit;
        return Tensor.FromFloats(shape, d);
    }

    /// <summary>Folds the named nodes into the producer's Fused list, as the fusion pass does.</summary>
    public static void Fuse(ModelGraph g, string producer, params string[] posts)
    {
        FuseNodes(g, producer, posts);
        g.ValueInfos.Clear();
        ShapeInference.Run(g);
    }

    /// <summary>The same without re-running shape inference.</summary>
    public static void FuseNodes(ModelGraph g, string producer, params string[] posts)
    {
        var p = g.Nodes.Single(n => n.Name == producer);
        foreach (var name in posts)
        {
            var f = g.Nodes.Single(n => n.Name == name);
            g.Nodes.Remove(f);
            p.Fused.Add(f);
            p.Outputs[0] = f.Outputs[0];
        }
    }

    /// <summary>Inputs for every graph input, random in [-limit, limit].</summary>
    public static Dictionary<string, Tensor> RandomInputs(ModelGraph g, int seed, float limit = 1f) =>
        g.Inputs.Select((i, k) => (i.Name, T: Random(i.Shape.ToConcrete(), seed + k, limit))).ToDictionary(p => p.Name, p => p.T);

    public static GeneratedModel AssertMatchesReference(ModelGraph g, IReadOnlyDictionary<string, Tensor> inputs, Action<ModelGraph>? fuse = null,
        double tol = 1e-5, CodeGenOptions? options = null)
    {
        ShapeInference.Run(g);
        var expected = Evaluator.Run(g, inputs);
        fuse?.Invoke(g);
        var model = CCodeGenerator.Generate(g, options ?? new CodeGenOptions());
        var actual = HostC.Run(model, inputs);
        foreach (var o in g.Outputs) AssertClose(expected[o.Name], actual[o.Name], tol, o.Name);
        return model;
    }

    public static void AssertClose(Tensor want, Tensor got, double tol, string what = "")
    {
        Assert.Equal(want.Shape, got.Shape);
        Assert.Equal(want.Type, got.Type);
        for (int i = 0; i < want.Length; i++)
        {
            double a = want.GetDouble(i), b = got.GetDouble(i);
            if (double.IsNaN(a) && double.IsNaN(b)) continue;
            if (!(Math.Abs(a - b) <= tol * (1 + Math.Abs(a))))
                Assert.Fail($"{what}[{i}]: expected {a}, generated C gave {b}");
        }
    }
}
