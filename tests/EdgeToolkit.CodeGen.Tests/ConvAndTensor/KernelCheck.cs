using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>
/// Test plumbing: random inputs, fusing nodes the way the fusion pass does, and the check that
/// generated C run on the host matches the reference evaluator.
/// </summary>
internal static class KernelCheck
{
    public static Tensor Random(int[] shape, int seed, float limit = 1f) => ModelCheck.Random(shape, seed, limit);

    /// <summary>Random values of any numeric type (small magnitudes so every type can hold them).</summary>
    public static Tensor RandomOf(DataType type, int[] shape, int seed)
    {
        var rng = new Random(seed);
        var t = Tensor.Zeros(type, shape);
        for (int i = 0; i < t.Length; i++)
        {
            int v = rng.Next(0, 100);
            switch (t.Data)
            {
                case float[] a: a[i] = (float)(rng.NextDouble() * 20 - 10); break;
                case double[] a: a[i] = rng.NextDouble() * 20 - 10; break;
                case sbyte[] a: a[i] = (sbyte)(v - 50); break;
                case byte[] a: a[i] = (byte)v; break;
                case short[] a: a[i] = (short)(v * 300 - 15000); break;
                case ushort[] a: a[i] = (ushort)(v * 600); break;
                case int[] a: a[i] = v * 1000003 - 50000000; break;
                case uint[] a: a[i] = (uint)v * 40000000u; break;
                case long[] a: a[i] = (v - 50) * 10000000000L; break;
                case ulong[] a: a[i] = (ulong)v * 100000000000UL; break;
                case bool[] a: a[i] = v % 2 == 0; break;
            }
        }
        return t;
    }

    /// <summary>Folds the named nodes into the producer's Fused list, as the fusion pass does (shapes are redone by AssertMatchesReference).</summary>
    public static void Fuse(ModelGraph g, string producer, params string[] posts) => ModelCheck.FuseNodes(g, producer, posts);

    /// <summary>
    /// The reference outputs of the graph before fusion, then (after the optional fusion step)
    /// the generated C's outputs; asserts they agree within tol (absolute plus relative).
    /// </summary>
    public static KernelProgram AssertMatchesReference(ModelGraph g, Dictionary<string, Tensor> inputs, Action<ModelGraph>? fuse = null,
        double tol = 1e-5, TargetProfile? target = null)
    {
        ShapeInference.Run(g);
        var expected = Evaluator.Run(g, inputs);
        if (fuse != null)
        {
            fuse(g);
            g.ValueInfos.Clear();
            ShapeInference.Run(g);
        }
        var program = KernelProgram.Generate(g, target);
        var actual = program.RunOnHost(inputs);
        foreach (var (name, want) in expected) AssertClose(want, actual[name], tol, name);
        return program;
    }

    public static void AssertClose(Tensor want, Tensor got, double tol, string what = "")
    {
        Assert.Equal(want.Shape, got.Shape);
        Assert.Equal(want.Type, got.Type);
        if (!want.Type.IsFloat())
        {
            for (int i = 0; i < want.Length; i++)
                if (want.GetInt64(i) != got.GetInt64(i)) Assert.Fail($"{what}[{i}]: expected {want.GetInt64(i)}, generated C gave {got.GetInt64(i)}");
            return;
        }
        for (int i = 0; i < want.Length; i++)
        {
            double a = want.GetDouble(i), b = got.GetDouble(i);
            if (Math.Abs(a - b) > tol * (1 + Math.Abs(a)))
                Assert.Fail($"{what}[{i}]: expected {a}, generated C gave {b}");
        }
    }
}
