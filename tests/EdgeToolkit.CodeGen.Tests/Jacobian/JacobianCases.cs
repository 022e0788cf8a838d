using System.Text.Json;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets;

namespace EdgeToolkit.CodeGen.Tests.Jacobian;

/// <summary>
/// A model under test: the graph handed to the generator, the reference built from the imported
/// (unfused) graph's layers, and the inputs (float, so that C and reference see the same x).
/// </summary>
public sealed record JacobianCase(string Name, ModelGraph Compiled, JacobianReference Reference, IReadOnlyList<float[]> Inputs);

/// <summary>
/// The models the Jacobian tests run: the three control models after the standard passes (Gemm
/// with fused Tanh), and a random MLP with Relu, Sigmoid and identity layers, Gemm and MatMul + Add
/// forms, compiled both fused and as imported, a single-layer net, and a net with 20 outputs.
/// </summary>
public static class JacobianCases
{
    public const int InputsPerModel = 3;

    public static readonly string[] ControlModels = { "msd", "tendon", "hasel" };

    public static IReadOnlyList<JacobianCase> All() =>
        ControlModels.Select(Control).Concat(new[] { RandomMlp(fused: true), RandomMlp(fused: false), SingleLayer(), WideOutput() }).ToList();

    public static string ModelPath(string plant) => Path.Combine(RepoPaths.Root, "models", $"control-{plant}", "model.onnx");

    /// <summary>A control model with inputs around its training data: mean + std * u, u uniform in [-1.5, 1.5] (config.json scaling).</summary>
    public static JacobianCase Control(string plant)
    {
        var imported = OnnxImporter.Load(ModelPath(plant));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(ModelPath(plant))!, "config.json")));
        var scaling = config.RootElement.GetProperty("scaling");
        var mean = scaling.GetProperty("input_mean").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var std = scaling.GetProperty("input_std").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var rng = new Random(plant.Length);
        var inputs = Enumerable.Range(0, InputsPerModel)
            .Select(_ => mean.Select((m, i) => (float)(m + std[i] * (rng.NextDouble() * 3 - 1.5))).ToArray()).ToList();
        return new JacobianCase(plant, Optimized(imported), new JacobianReference(MlpChain.Extract(imported)), inputs);
    }

    /// <summary>
    /// 5 -> 9 -> 7 -> 6 -> 8 -> 3: Gemm (transB) + Relu, MatMul + Add + Sigmoid, Gemm (alpha, beta,
    /// no activation), MatMul without bias + Relu (fused into the MatMul), MatMul + Add (identity out).
    /// </summary>
    public static JacobianCase RandomMlp(bool fused)
    {
        var rng = new Random(7);
        Tensor R(params int[] shape) => ExampleModels.Uniform(rng, shape, 0.8f);
        var b = new GraphBuilder(fused ? "rand_fused" : "rand_raw");
        var x = b.Input("x", DataType.Float32, 1, 5);
        x = b.OpNamed("fc0", "Gemm", new[] { x, b.Constant("w0", R(9, 5)), b.Constant("b0", R(9)) }, NodeAttribute.Of("transB", 1L));
        x = b.OpNamed("relu0", "Relu", new[] { x });
        x = b.OpNamed("mm1", "MatMul", new[] { x, b.Constant("w1", R(9, 7)) });
        x = b.OpNamed("add1", "Add", new[] { x, b.Constant("b1", R(7)) });
        x = b.OpNamed("sig1", "Sigmoid", new[] { x });
        x = b.OpNamed("fc2", "Gemm", new[] { x, b.Constant("w2", R(7, 6)), b.Constant("b2", R(1, 6)) },
            NodeAttribute.Of("alpha", 0.75f), NodeAttribute.Of("beta", 1.5f));
        x = b.OpNamed("mm3", "MatMul", new[] { x, b.Constant("w3", R(6, 8)) });
        x = b.OpNamed("relu3", "Relu", new[] { x });
        x = b.OpNamed("mm4", "MatMul", new[] { x, b.Constant("w4", R(8, 3)) });
        x = b.OpNamed("add4", "Add", new[] { b.Constant("b4", R(3)), x });
        b.Output(b.Rename(x, "y"));
        var raw = b.Graph;
        ShapeInference.Run(raw);
        var reference = new JacobianReference(MlpChain.Extract(raw));
        return new JacobianCase(raw.Name, fused ? Optimized(raw) : raw, reference, AwayFromReluKinks(reference, 11));
    }

    /// <summary>One Gemm + Sigmoid: the output layer is also the input layer.</summary>
    public static JacobianCase SingleLayer()
    {
        var rng = new Random(3);
        var b = new GraphBuilder("single");
        var x = b.Input("x", DataType.Float32, 1, 4);
        x = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ExampleModels.Uniform(rng, new[] { 4, 3 }, 1f)), b.Constant("b", ExampleModels.Uniform(rng, new[] { 3 }, 1f)) });
        b.Output(b.OpNamed("sig", "Sigmoid", new[] { x }));
        var raw = b.Graph;
        ShapeInference.Run(raw);
        var reference = new JacobianReference(MlpChain.Extract(raw));
        return new JacobianCase(raw.Name, Optimized(raw), reference, AwayFromReluKinks(reference, 5));
    }

    /// <summary>
    /// 40 -> 24 (tanh) -> 20: more outputs than the backward blocks hold sums for (one input at a
    /// time), and rows too long for a full block of forward sums.
    /// </summary>
    public static JacobianCase WideOutput()
    {
        var raw = ExampleModels.Mlp("wide", new[] { 40, 24, 20 }, "Tanh", 9);
        ShapeInference.Run(raw);
        var reference = new JacobianReference(MlpChain.Extract(raw));
        return new JacobianCase(raw.Name, Optimized(raw), reference, AwayFromReluKinks(reference, 13));
    }

    /// <summary>The graph as the CLI compiles it: the standard passes (MatMul + Add to Gemm, activations fused).</summary>
    public static ModelGraph Optimized(ModelGraph g)
    {
        var c = g.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(c);
        return c;
    }

    /// <summary>Seeded inputs in [-1.5, 1.5], skipping any that put a Relu pre-activation within 1e-3 of its kink.</summary>
    private static List<float[]> AwayFromReluKinks(JacobianReference reference, int seed)
    {
        var rng = new Random(seed);
        var inputs = new List<float[]>();
        while (inputs.Count < InputsPerModel)
        {
            var x = Enumerable.Range(0, reference.Inputs).Select(_ => (float)(rng.NextDouble() * 3 - 1.5)).ToArray();
            if (reference.ReluMargin(x.Select(v => (double)v).ToArray()) > 1e-3) inputs.Add(x);
        }
        return inputs;
    }
}
