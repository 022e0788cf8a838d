using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Training.Zoo;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Health;

public class HealthTransformerTests
{
    private static readonly int Worn = Array.IndexOf(HealthFeatures.DayColumns, "worn");

    /// <summary>A transformer trained for two epochs on a small generated set, its scaling and exported graph, and windows with missing groups.</summary>
    private static (HealthTransformer Net, FeatureScaling Scaling, ModelGraph Graph, List<HealthWindow> Windows) QuickModel(int seed)
    {
        TorchRuntime.Initialize(seed);
        var data = new HealthDataSpec(seed, 10, 40, 7, null).Load();
        var scaling = FeatureScaling.Fit(data.Train, 7);
        var cfg = new HealthTransformerTrainConfig(new HealthTransformerConfig(DModel: 16, Heads: 4, Layers: 2, FeedForward: 32), Epochs: 2);
        var net = HealthTransformerTrainer.Train(cfg, scaling, data, NullTrainingProgress.Instance, Stopwatch.StartNew());
        var windows = data.Train.Where(w => Enumerable.Range(0, 7).Any(d => w.Input[d * HealthFeatures.PerDay + Worn] == 0f)).Take(6)
            .Concat(data.Test.Take(6)).ToList();
        return (net, scaling, HealthTransformerExporter.Export(net, scaling), windows);
    }

    private static Dictionary<string, Tensor> Features(HealthWindow w) =>
        new() { ["features"] = Tensor.FromFloats(new[] { 1, w.Input.Length }, w.Input) };

    private static float[] Logits(Dictionary<string, Tensor> outputs) => HealthLabels.OutputNames.SelectMany(n => outputs[n].ToFloatArray()).ToArray();

    private static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"{what}, logit {i}: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void ExportedGraphOnRawInputsMatchesTorchOnScaledInputsInOnnxRuntime()
    {
        var (net, scaling, graph, windows) = QuickModel(5);
        Assert.Contains(windows, w => w.Input[Worn] == 0f || Enumerable.Range(1, 6).Any(d => w.Input[d * HealthFeatures.PerDay + Worn] == 0f));
        var seen = new HashSet<string>();
        foreach (var w in windows)
        {
            float[] expected;
            using (torch.no_grad())
            using (var z = torch.tensor(scaling.Apply(w.Input), new long[] { 1, w.Input.Length }))
            using (var y = net.forward(z))
                expected = y.data<float>().ToArray();
            AssertClose(expected, Logits(OrtRunner.Run(graph, Features(w))), 1e-4, $"{w.Person} {w.TargetDate}: torch vs ORT");
            seen.Add(string.Join(",", expected.Select(v => v.ToString("F3", CultureInfo.InvariantCulture))));
        }
        Assert.True(seen.Count > 1, "every window gave the same logits: the comparison says nothing");
        Assert.Equal(new[] { "features" }, graph.Inputs.Select(i => i.Name));
        Assert.Equal(HealthLabels.OutputNames, graph.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void FoldedDayEmbeddingEqualsStandardiseThenMaskByHand()
    {
        var (net, scaling, graph, windows) = QuickModel(6);
        // A day with one group missing and another recorded: the mask convention matters only there.
        int sleepScoreFlag = Array.IndexOf(HealthFeatures.DayColumns, "sleep_score_recorded"), sleepScore = Array.IndexOf(HealthFeatures.DayColumns, "sleep_score");
        var (window, day) = windows.SelectMany(w => Enumerable.Range(0, 7).Select(d => (w, d)))
            .First(p => p.w.Input[p.d * HealthFeatures.PerDay + Worn] == 1f && p.w.Input[p.d * HealthFeatures.PerDay + sleepScoreFlag] == 0f);
        var all = Evaluator.Run(graph, Features(window), keepAll: true);
        var embedded = all[graph.Nodes.Single(n => n.Name == "day_embed.add").Outputs[0]].ToFloatArray();

        var w = Floats(net.dayEmbed.weight!);
        var b = Floats(net.dayEmbed.bias!);
        int per = HealthFeatures.PerDay, d = net.Config.DModel;
        double[] Embed(bool mask)
        {
            var z = new double[per];
            for (int c = 0; c < per; c++)
            {
                double x = window.Input[day * per + c];
                int flag = HealthFeatures.MaskOfColumn[c];
                z[c] = flag < 0 ? x : mask && window.Input[day * per + flag] == 0f ? 0 : (x - scaling.Mean[c]) / scaling.Std[c];
            }
            return Enumerable.Range(0, d).Select(o => b[o] + Enumerable.Range(0, per).Sum(c => w[o * per + c] * z[c])).ToArray();
        }
        var byHand = Embed(mask: true);
        for (int o = 0; o < d; o++)
            Assert.True(Math.Abs(byHand[o] - embedded[day * d + o]) <= 1e-4 * (1 + Math.Abs(byHand[o])), $"day {day} unit {o}: by hand {byHand[o]} vs graph {embedded[day * d + o]}");
        // Standardising the missing sleep score as if it were a reading (0 - mean) / std gives something else.
        Assert.Equal(0f, window.Input[day * per + sleepScore]);
        var unmasked = Embed(mask: false);
        Assert.True(Enumerable.Range(0, d).Max(o => Math.Abs(unmasked[o] - byHand[o])) > 1e-2, "the missing group makes no difference: the check is vacuous");
    }

    [Fact]
    public void ExportedGraphRunsInTheEvaluatorAndAsGeneratedCEqualToOnnxRuntime()
    {
        var (_, _, graph, windows) = QuickModel(7);
        var cases = windows.Take(4).ToList();
        var reference = cases.Select(w => Logits(OrtRunner.Run(graph, Features(w)))).ToList();
        for (int i = 0; i < cases.Count; i++)
            AssertClose(reference[i], Logits(Evaluator.Run(graph, Features(cases[i]))), 1e-4, $"case {i}: ORT vs evaluator");

        var g = OnnxImporter.Load(OnnxExporter.ToBytes(graph), "health_transformer.onnx");
        PassPipeline.Standard(new PipelineOptions()).Run(g);
        var code = CCodeGenerator.Generate(g, new CodeGenOptions { Name = "ht", Target = TargetProfile.ForTarget("host") });
        Assert.InRange(code.Macs, 1_000, 300_000);
        if (!OnPath("gcc")) return;
        var printed = RunOnHost(code, cases.Select(w => w.Input).ToList());
        for (int i = 0; i < cases.Count; i++) AssertClose(reference[i], printed[i], 1e-4, $"case {i}: ORT vs generated C");
    }

    [Fact]
    public void QuickTransformerRunWritesAFolderThatEvaluatesAndComparesWithTheMlp()
    {
        var task = new HealthTask();
        var options = new Dictionary<string, string> { ["arch"] = "transformer" };
        Assert.Equal("models/health-transformer", task.DefaultOutput(new TrainContext { OutputDir = "", Options = options }));
        Assert.Equal("models/health-events", task.DefaultOutput(new TrainContext { OutputDir = "" }));
        var dir = Path.Combine(Path.GetTempPath(), "health-tf-quick-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var outcome = task.Train(new TrainContext { OutputDir = dir, Quick = true, Seed = 2, Options = options });
            var graph = OnnxImporter.Load(outcome.ModelPath);
            Assert.Contains(graph.Nodes, n => n.OpType == "Softmax");
            Assert.Equal(HealthLabels.OutputNames, graph.Outputs.Select(o => o.Name));
            var config = ModelFolder.ReadConfig(outcome.ModelPath)!;
            Assert.Equal("transformer", config["training"]!["arch"]!.GetValue<string>());
            using var backend = new OrtBackend(graph);
            var result = new HealthDataset().Evaluate(new EvaluationContext { ModelPath = outcome.ModelPath, Graph = graph, Config = config, Backend = backend });
            Assert.Equal(outcome.Metrics["macro_f1"], result.Value, 9);
            Assert.Contains("## Against the MLP", File.ReadAllText(outcome.CardPath));
            Assert.True(outcome.Metrics.ContainsKey("mlp_macro_f1"));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void CommittedTransformerEvaluatesAsItsCardSaysAndBeatsTheBaselines()
    {
        var path = Path.Combine(HealthTestPaths.RepoRoot, "models", "health-transformer", ModelFolder.ModelFile);
        Assert.True(File.Exists(path), $"train it with ./edgetk train health --arch transformer ({path} missing)");
        var graph = OnnxImporter.Load(path);
        using var backend = new OrtBackend(graph);
        var result = new HealthDataset().Evaluate(new EvaluationContext { ModelPath = path, Graph = graph, Config = ModelFolder.ReadConfig(path), Backend = backend });
        Assert.True(result.Samples >= 1000, $"only {result.Samples} held-out windows");
        var card = File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, ModelFolder.CardFile));
        Assert.Contains($"| mean macro-F1 (3 tasks) | {result.Value.ToString("G4", CultureInfo.InvariantCulture)} |", card);
        Assert.True(result.Value > result.Details["logistic_macro_f1"], $"model {result.Value:F3} vs logistic {result.Details["logistic_macro_f1"]:F3}");
        foreach (var task in HealthLabels.TaskNames)
            Assert.True(result.Details[$"{task}_macro_f1"] > result.Details[$"{task}_majority_macro_f1"], $"{task} does not beat the majority class");
        var size = ModelFolder.Measure(graph, new FileInfo(path).Length);
        Assert.InRange(size.Parameters, 1, 30_000);
        Assert.InRange(size.Macs ?? long.MaxValue, 1, 300_000);
    }

    private static float[] Floats(torch.Tensor t) => EdgeToolkit.Training.Export.ExportContext.ToGraphTensor(t).ToFloatArray();

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    /// <summary>Compiles the model with a main that runs each input (embedded, printed with %.9g so floats round-trip) and prints the outputs.</summary>
    private static List<float[]> RunOnHost(GeneratedModel code, List<float[]> inputs)
    {
        var dir = Directory.CreateTempSubdirectory("etk-ht-").FullName;
        try
        {
            code.WriteTo(dir);
            Assert.Single(code.Inputs);
            var main = new StringBuilder("#include <stdio.h>\n#include \"model.h\"\n\n");
            main.Append($"static const float cases[{inputs.Count}][{code.Inputs[0].Elements}] = {{\n");
            foreach (var x in inputs) main.Append("    { ").Append(string.Join(", ", x.Select(v => v.ToString("G9", CultureInfo.InvariantCulture)))).Append(" },\n");
            main.Append("};\n\nint main(void)\n{\n    int i, k;\n");
            foreach (var (o, k) in code.Outputs.Select((o, k) => (o, k))) main.Append($"    static float out{k}[{o.Elements}];\n");
            main.Append($"    for (i = 0; i < {inputs.Count}; i++) {{\n");
            main.Append($"        if ({code.Name}_run(cases[i], {string.Join(", ", code.Outputs.Select((_, k) => $"out{k}"))}) != 0) return 1;\n");
            foreach (var (o, k) in code.Outputs.Select((o, k) => (o, k)))
                main.Append($"        for (k = 0; k < {o.Elements}; k++) printf(\"%.9g\\n\", (double)out{k}[k]);\n");
            main.Append("    }\n    return 0;\n}\n");
            File.WriteAllText(Path.Combine(dir, "main.c"), main.ToString());
            Run("gcc", $"-std=c99 -pedantic -O2 -Wall -Wextra -Werror -ffp-contract=off -o prog main.c {string.Join(" ", code.Sources)} -lm", dir);
            var values = Run(Path.Combine(dir, "prog"), "", dir).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            int per = (int)code.Outputs.Sum(o => o.Elements);
            Assert.Equal(inputs.Count * per, values.Length);
            // Outputs are printed in the model's output order, which is the graph's (stress, readiness, sleep quality).
            Assert.Equal(HealthLabels.OutputNames, code.Outputs.Select(o => o.Name));
            return Enumerable.Range(0, inputs.Count).Select(i => values.Skip(i * per).Take(per).ToArray()).ToList();
        }
        finally { Directory.Delete(dir, true); }
    }

    private static string Run(string exe, string args, string dir)
    {
        var psi = new ProcessStartInfo(exe, args) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(exe)} {args} failed ({p.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
