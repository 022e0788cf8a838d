using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>What the dense tests share: the optimised (lowered) graph, C for a target, runs, the zoo models.</summary>
public static class DenseRuns
{
    public static readonly string[] AllTargets = { "host", "aarch64", "cortex-m0", "cortex-m3", "cortex-m4", "cortex-m7", "cortex-m33" };

    public static readonly RunOptions Options = new() { HostTimingPerCase = TimeSpan.FromMilliseconds(1), HostTimedCases = 1 };

    /// <summary>The standard pipeline (QDQ lowering, folding, fusion) on a copy of the graph.</summary>
    public static ModelGraph Optimised(ModelGraph g)
    {
        var copy = g.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(copy);
        return copy;
    }

    public static GeneratedModel Generate(ModelGraph optimised, string target) =>
        CCodeGenerator.Generate(optimised, new CodeGenOptions { Target = TargetProfile.ForTarget(target) });

    public static TargetRunResult Run(ModelGraph optimised, string target, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases, string? codeFor = null) =>
        TargetRunner.Run(Generate(optimised, codeFor ?? target), target, null, cases, Options);

    /// <summary>Op types of the graph's nodes (domain-qualified outside the default domain), in order.</summary>
    public static List<string> Ops(ModelGraph g) => g.Nodes.Select(n => n.Domain.Length > 0 ? $"{n.Domain}.{n.OpType}" : n.OpType).ToList();

    /// <summary>A zoo model from models/NAME/model.onnx.</summary>
    public static ModelGraph Zoo(string name) => OnnxImporter.Load(Path.Combine(RepoPaths.Root, "models", name, "model.onnx"));

    public static ModelGraph Example(string name) => ExampleModels.Get(name);

    /// <summary>The float model's QDQ form, calibrated on `calibration` random cases of inputs in [-range, range].</summary>
    public static ModelGraph QuantizeForTest(ModelGraph model, int calibration = 200, float range = 1f, DenseQdqOptions? options = null) =>
        DenseQdq.Quantize(model, DenseQdq.RandomInputs(model, calibration, seed: 11, range), options);
}
