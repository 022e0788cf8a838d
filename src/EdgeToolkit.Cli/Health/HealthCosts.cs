using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Health;

/// <summary>One model built and checked on one target: what verify measured there on real held-out windows.</summary>
public sealed record TargetCost(string Model, string Target, string? Board, bool Ok, long FlashBytes, long RamBytes, long ArenaBytes, long? StackBytes,
    long? Instructions, double? HostNs, double MaxAbsError, string Reference, int Cases);

/// <summary>ONNX Runtime on the host, one prediction per call: the phone-class proxy.</summary>
public sealed record OrtLatency(string Model, double MedianNs);

public sealed record HealthCostFigures(IReadOnlyList<TargetCost> Targets, IReadOnlyList<OrtLatency> Ort, BoardDefinition Board)
{
    public TargetCost Wearable => Targets.First(t => t.Model == HealthCosts.WearableModel && t.Board == Board.Name);
    public TargetCost? Find(string model, string target) => Targets.FirstOrDefault(t => t.Model == model && t.Target == target);
}

/// <summary>
/// Cost per prediction on each target: every model compiled and run on the watch board (QEMU, instructions exact),
/// the wearable build also on the host (latency) and on aarch64 (correctness under qemu-user), each checked against
/// ONNX Runtime (and, for int8, against the C# integer evaluator bit for bit) on held-out windows.
/// </summary>
public static class HealthCosts
{
    public const string WearableModel = "MLP pruned int8";
    private const int Cases = 16;

    public static HealthCostFigures Measure(HealthModelSet models, IReadOnlyList<HealthWindow> heldOut, BoardDefinition board, Reporter reporter)
    {
        var cases = heldOut.Take(Cases).Select(w => new Dictionary<string, Tensor> { ["features"] = Tensor.FromFloats(new[] { 1, w.Input.Length }, w.Input) }).ToList();
        var figures = new List<TargetCost>();
        void Verify(string name, string folder, string target, string? boardName)
        {
            reporter.Progress($"{name}: compiling for {target}{(boardName != null ? $" ({boardName})" : "")} and checking {cases.Count} held-out windows against ONNX Runtime");
            var r = Verification.Run(ModelSource.Load(folder), new ModelOptions { Target = target, Board = boardName }, new Verification.Options(Cases: cases), reporter);
            if (!r.Ok) reporter.Progress($"  {name} on {target}: MISMATCH (max abs error {r.Comparison.MaxAbsError:G3})");
            figures.Add(new TargetCost(name, target, boardName, r.Ok, r.Run.FlashBytes, r.Run.RamBytes, r.Compilation.Code.ArenaBytes, r.Run.StackBytes,
                r.Run.InstructionsPerInference, r.Run.NsPerInference, r.Comparison.MaxAbsError,
                r.IntegerCheck != null ? "onnxruntime, and the C# integer evaluator bit for bit" : r.Reference, r.Cases));
        }

        Verify("MLP (float)", models.Mlp, "cortex-m4", board.Name);
        Verify("MLP pruned (float)", models.Pruned, "cortex-m4", board.Name);
        Verify(WearableModel, models.Int8, "cortex-m4", board.Name);
        Verify(WearableModel, models.Int8, "host", null);
        Verify(WearableModel, models.Int8, "aarch64", null);
        Verify("MLP (float)", models.Mlp, "host", null);
        if (models.Transformer != null) Verify("transformer (float)", models.Transformer, "cortex-m4", board.Name);
        if (models.TransformerInt8 != null) Verify("transformer int8", models.TransformerInt8, "cortex-m4", board.Name);

        var ort = new List<OrtLatency>();
        foreach (var (name, folder) in new[] { ("MLP (float)", models.Mlp), (WearableModel, models.Int8), ("transformer (float)", models.Transformer) })
        {
            if (folder == null) continue;
            reporter.Progress($"{name}: ONNX Runtime latency on the host (one prediction per call, median of 2,000)");
            using var session = new OrtSession(ModelSource.Load(folder).OnnxBytes);
            var ns = session.MeasureNs(cases[0], warmup: 200, runs: 2000);
            Array.Sort(ns);
            ort.Add(new OrtLatency(name, ns[ns.Length / 2]));
        }
        return new HealthCostFigures(figures, ort, board);
    }
}
