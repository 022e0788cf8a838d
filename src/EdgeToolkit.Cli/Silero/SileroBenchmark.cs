using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Audio;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using Spectre.Console;

namespace EdgeToolkit.Cli.Silero;

/// <summary>
/// benchmark --silero: Silero VAD streamed chunk by chunk over generated audio, its state carried on
/// the device, against ONNX Runtime carrying its own: float on host, aarch64 and the Cortex-M7
/// board (2 MB flash), int8 on the Cortex-M4 board (1 MB flash, 256 KB RAM).
/// </summary>
public static class SileroBenchmark
{
    public const double FloatTolerance = 1e-4;

    public static int Run(double seconds, Reporter reporter)
    {
        var path = SileroVad.Fetch();
        var source = ModelSource.Load(path);
        var (audio, _) = SpeechLikeSignal.Generate(seconds, seed: 1);
        var chunks = SileroVad.Windows(audio, int.MaxValue);
        var rows = new List<(string Build, VerifyResult Result)>();
        foreach (var target in new[] { "host", "aarch64", "cortex-m7" })
        {
            reporter.Progress($"silero: float, {chunks.Count} chunks on {target}");
            rows.Add(("float", StreamFloat(source, target, chunks, reporter)));
        }
        reporter.Progress("silero: int8 (static, calibrated on streamed audio of another seed) on cortex-m4");
        var int8 = SileroInt8.Quantize(source, reporter);
        rows.Add(("int8", SileroInt8.Stream(int8, "cortex-m4", chunks, reporter)));
        var cost = SileroInt8.AgainstFloat(source, int8, chunks);

        if (reporter.Json)
        {
            reporter.WriteJson(new JsonObject
            {
                ["ok"] = rows.All(r => r.Result.Ok),
                ["model"] = $"{SileroVad.Package}@{SileroVad.Version} {SileroVad.ModelFile}",
                ["audio_seconds"] = seconds,
                ["chunks"] = chunks.Count,
                ["rows"] = new JsonArray(rows.Select(r => (JsonNode)Row(r.Build, r.Result)).ToArray()),
                ["int8_vs_float"] = new JsonObject
                {
                    ["max_probability_difference"] = cost.MaxProbabilityDifference,
                    ["mean_probability_difference"] = cost.MeanProbabilityDifference,
                    ["decision_agreement"] = cost.DecisionAgreement,
                    ["how"] = "speech probability of the int8 and the float model, both in ONNX Runtime streaming the same chunks; decision at 0.5",
                },
            });
        }
        else
        {
            reporter.Table(Table(rows, seconds, chunks.Count));
            reporter.Line($"int8 against float (both in ONNX Runtime, same chunks): speech probability differs by {cost.MeanProbabilityDifference:0.0000} on average, "
                + $"{cost.MaxProbabilityDifference:0.0000} at most; the decision at 0.5 agrees on {cost.DecisionAgreement:P1} of the chunks.");
        }
        return rows.All(r => r.Result.Ok) ? 0 : 1;
    }

    public static VerifyResult StreamFloat(ModelSource source, string target, List<Dictionary<string, Tensor>> chunks, Reporter? reporter = null) =>
        Verification.Run(source, SileroVad.Options(target), new Verification.Options(
            Atol: FloatTolerance, Rtol: 0, StatePairs: new[] { SileroVad.State }, Cases: chunks), reporter);

    private static JsonObject Row(string build, VerifyResult r)
    {
        var o = r.ToJson();
        o["build"] = build;
        return o;
    }

    private static Table Table(List<(string Build, VerifyResult Result)> rows, double seconds, int chunks)
    {
        var t = new Table().Title($"Silero VAD 16 kHz streamed: {chunks} chunks of 512 samples ({seconds:0.#} s of generated audio), state carried on the device")
            .AddColumn("build").AddColumn("target").AddColumn("result").AddColumn(new TableColumn("worst chunk |C - ORT|").RightAligned())
            .AddColumn(new TableColumn("instructions/chunk").RightAligned()).AddColumn(new TableColumn("weights").RightAligned())
            .AddColumn(new TableColumn("flash").RightAligned()).AddColumn(new TableColumn("RAM").RightAligned()).AddColumn(new TableColumn("host time/chunk").RightAligned());
        foreach (var (build, r) in rows)
        {
            var board = r.Compilation.Board;
            t.AddRow(build, Markup.Escape(r.Compilation.Target + (board != null ? $" ({board.Name})" : "")), r.Ok ? "[green]OK[/]" : "[red]MISMATCH[/]",
                $"{r.Comparison.MaxAbsError:G3}", r.Run.InstructionsPerInference is long n ? $"{n:N0}" : "-",
                Format.Bytes(r.Compilation.Code.WeightBytes), Format.Bytes(r.Run.FlashBytes),
                Format.Bytes(r.Run.RamBytes + (r.Run.StackBytes ?? 0)), r.Run.NsPerInference is double ns ? Format.Ns(ns) : "-");
        }
        return t;
    }
}
