using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen.Tests.Extra;

/// <summary>
/// One-node graphs for the Logic, Indexing and ArgReduce emitters: the reference evaluator's
/// outputs against the generated model (planner and writer included) compiled and run on the host.
/// Integers and bools must agree exactly, floats within tol relative (1e-6 unless a test says), NaN where NaN.
/// </summary>
internal static class ExtraCheck
{
    /// <summary>A runtime input (fed with value) or, with constant, an initializer.</summary>
    public sealed record In(Tensor Value, bool Constant = false);

    public static In Fed(Tensor t) => new(t);
    public static In Const(Tensor t) => new(t, true);

    public static GeneratedModel Check(string op, In[] inputs, DataType outType, int opset = 17, params NodeAttribute[] attrs) =>
        CheckGraph(b => b.OpNamed("n", op, Names(b, inputs), attrs), inputs, outType, opset);

    /// <summary>The graph is built by build, which returns the output value; runtime inputs are x0, x1, ... in order.</summary>
    public static GeneratedModel CheckGraph(Func<GraphBuilder, string> build, In[] inputs, DataType outType, int opset = 17, double tol = 1e-6) =>
        CheckOutputs(b => new[] { (build(b), outType) }, inputs, opset, tol);

    /// <summary>The same for a graph with several outputs (value name and type each).</summary>
    public static GeneratedModel CheckOutputs(Func<GraphBuilder, (string Name, DataType Type)[]> build, In[] inputs, int opset = 17, double tol = 1e-6)
    {
        var b = new GraphBuilder("extra", opset);
        foreach (var (name, type) in build(b)) b.Output(name, type);
        var g = b.Graph;
        var feed = inputs.Select((v, i) => (v, i)).Where(p => !p.v.Constant).ToDictionary(p => $"x{p.i}", p => p.v.Value);
        ShapeInference.Run(g);
        var expected = Evaluator.Run(g, feed);
        var model = CCodeGenerator.Generate(g, new CodeGenOptions());
        var actual = HostC.Run(model, feed);
        foreach (var o in g.Outputs) AssertSame(expected[o.Name], actual[o.Name], tol);
        return model;
    }

    /// <summary>Declares the inputs on b (x{i} as graph inputs or initializers) and returns their names.</summary>
    public static string[] Names(GraphBuilder b, In[] inputs) =>
        inputs.Select((v, i) => v.Constant ? b.Constant($"x{i}", v.Value) : b.Input($"x{i}", v.Value.Type, v.Value.Shape.Select(d => (long)d).ToArray())).ToArray();

    public static void AssertSame(Tensor want, Tensor got, double tol)
    {
        Assert.Equal(want.Shape, got.Shape);
        Assert.Equal(want.Type, got.Type);
        for (int i = 0; i < want.Length; i++)
        {
            if (!want.Type.IsFloat())
            {
                if (want.GetInt64(i) != got.GetInt64(i)) Assert.Fail($"[{i}]: expected {want.GetInt64(i)}, generated C gave {got.GetInt64(i)}");
                continue;
            }
            double a = want.GetDouble(i), c = got.GetDouble(i);
            if (double.IsNaN(a) && double.IsNaN(c) || a == c) continue;
            if (!(Math.Abs(a - c) <= tol * Math.Abs(a))) Assert.Fail($"[{i}]: expected {a}, generated C gave {c}");
        }
    }

    public static Tensor Floats(int[] shape, params float[] v) => Tensor.FromFloats(shape, v);
    public static Tensor Doubles(int[] shape, params double[] v) => new(DataType.Float64, shape, v);
    public static Tensor Longs(int[] shape, params long[] v) => Tensor.FromInt64s(shape, v);
    public static Tensor Ints(int[] shape, params int[] v) => Tensor.FromInt32s(shape, v);
    public static Tensor Bools(int[] shape, params bool[] v) => new(DataType.Bool, shape, v);
    public static int[] S(params int[] shape) => shape;

    /// <summary>Random values of a type, small enough for every type to hold (KernelCheck's generator).</summary>
    public static Tensor Random(DataType t, int[] shape, int seed) => ConvAndTensor.KernelCheck.RandomOf(t, shape, seed);

    public static Tensor RandomBools(int[] shape, int seed)
    {
        var rng = new Random(seed);
        return Bools(shape, Enumerable.Range(0, (int)Tensor.ElementCountOf(shape)).Select(_ => rng.Next(2) == 1).ToArray());
    }

    public static NodeAttribute A(string name, long v) => NodeAttribute.Of(name, v);
    public static NodeAttribute A(string name, string v) => NodeAttribute.Of(name, v);
    public static NodeAttribute A(string name, float v) => NodeAttribute.Of(name, v);
}
