using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Targets.Running;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class VerifyCommand : ICommand
{
    public string Name => "verify";
    public string Summary => "compile, run on the target (emulated board, qemu-aarch64 or host) and compare with ONNX Runtime";
    public string Usage => """
        usage: ./edgetk verify PATH --target T [--board B] [--inputs N] [--seed S] [--input name=lo..hi|name=file.pb]
                               [--shape name=1x16] [--const name=value] [--atol 1e-4] [--rtol 1e-4] [--name PREFIX]
                               [--stream N --state IN=OUT[,IN=OUT...]] [--fast] [--no-fuse] [--native] [--keep-build] [--json]

        PATH: an .onnx file, an ONNX test-case folder (its reference data is used), a model folder, or builtin:cnn.
        Targets: host, aarch64, cortex-m0, cortex-m3, cortex-m4, cortex-m7, cortex-m33 (boards in hardware/).
        Exit code 0 only when every output agrees (|a-r| <= atol or <= rtol*|r|). A quantized model (QDQ) must
        agree with ONNX Runtime within one quantization step on >= 99% of output elements, and its C must equal
        the C# integer evaluator bit for bit.
        --stream N --state IN=OUT: a streaming model. N consecutive seeded chunks; after each one the device
        copies output OUT into input IN (state starts at zero unless --input IN=file.pb), ONNX Runtime carries
        its own the same way, and every chunk is compared. `cases` counts chunks.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = ModelOptions.ValueOptionNames.Concat(new[] { "inputs", "seed", "input", "atol", "rtol", "stream", "state" }).ToHashSet();
    public IReadOnlySet<string> FlagOptions { get; } = ModelOptions.FlagOptionNames.Concat(new[] { "native", "keep-build" }).ToHashSet();

    public int Run(Args args, Reporter reporter)
    {
        var source = ModelSource.Load(args.Positional(0, "model PATH"));
        var states = StatePairs.Parse(args.GetAll("state"));
        if (states.Count > 0 != (args.Get("stream") != null))
            throw Args.Usage("--stream N and --state IN=OUT go together: the chunks to feed and the state to carry between them");
        if ((args.Get("stream") != null) && (args.Get("inputs") != null))
            throw Args.Usage("--stream N already sets how many chunks run; drop --inputs");
        var result = Verification.Run(source, ModelOptions.From(args), new Verification.Options(
            Inputs: (args.Get("stream") != null) ? args.GetInt("stream", 8) : args.GetInt("inputs", 8), StatePairs: states, Seed: args.GetInt("seed", 1), Atol: args.GetDouble("atol", 1e-4), Rtol: args.GetDouble("rtol", 1e-4),
            InputSpecs: args.GetAll("input"), KeepBuild: args.Flag("keep-build"), HostNative: args.Flag("native")), reporter);
        if (reporter.Json) reporter.WriteJson(result.ToJson());
        else Print(result, reporter);
        return result.Ok ? 0 : 1;
    }

    public static void Print(VerifyResult r, Reporter reporter)
    {
        var c = r.Compilation;
        var t = new Table().Title($"verify {Markup.Escape(c.Source.Display)} on {c.Target}{(c.Board != null ? " (" + c.Board.Name + ", emulated)" : "")}")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("how it was measured");
        t.AddRow("result", r.Ok ? "[green]OK[/]" : "[red]MISMATCH[/]", Markup.Escape($"{r.Cases} cases vs {r.Reference}, atol {r.Comparison.Atol:G}, rtol {r.Comparison.Rtol:G}"));
        if (r.StatePairs is { Count: > 0 } pairs)
            t.AddRow("streamed", $"{r.Cases} chunks", Markup.Escape($"state {string.Join(", ", pairs.Select(p => p.Input + "=" + p.Output))} carried on the device between chunks; "
                + $"worst chunk max abs error {Enumerable.Range(0, r.Cases).Max(r.Comparison.CaseMaxAbsError):G3}"));
        if (r.IntegerCheck is { } ic)
        {
            t.AddRow("within 1 quantization step", $"{r.Comparison.AgreeingFraction:P2}",
                Markup.Escape($"of output elements vs ONNX Runtime on the QDQ model (needs >= {1 - r.Comparison.AllowedMismatchFraction:P0})"));
            t.AddRow("integer reference", ic.Ok ? "[green]bit-exact[/]" : $"[red]{ic.Mismatches} differ[/]",
                Markup.Escape($"C vs the C# integer evaluator of the compiled graph, {ic.Elements} elements"));
        }
        t.AddRow("max abs error", $"{r.Comparison.MaxAbsError:G3}", "over every output element");
        t.AddRow("max rel error", $"{r.Comparison.MaxRelError:G3}", Markup.Escape($"over elements with |reference| > {r.Comparison.Atol:G}"));
        t.AddRow("flash", Format.Bytes(r.Run.FlashBytes), "ELF with the model minus the same harness without it (text+data)");
        t.AddRow("static RAM", Format.Bytes(r.Run.RamBytes), "data+bss share, includes the built-in arena");
        t.AddRow("arena", Format.Bytes(c.Code.ArenaBytes), "static memory plan of intermediate activations");
        if (r.Run.StackBytes is long s) t.AddRow("stack", Format.Bytes(s), "high-water mark of the painted stack");
        if (r.Run.InstructionsPerInference is long n)
        {
            t.AddRow("instructions/inference", n.ToString("N0"), "QEMU -icount shift=7, board timer around the call (exact, repeatable)");
            if (c.Board != null)
                t.AddRow("latency estimate", Markup.Escape(Format.LatencyRange(n, c.Board.ClockHz, c.Board.CyclesPerInstruction)),
                    Markup.Escape($"at {c.Board.ClockHz / 1e6:G} MHz, {c.Board.CyclesPerInstruction.Min}-{c.Board.CyclesPerInstruction.Max} cycles per instruction"));
        }
        if (r.Run.NsPerInference is double ns) t.AddRow("time/inference", Format.Ns(ns), "median of repeated runs, CLOCK_MONOTONIC");
        t.AddRow("MACs", c.Code.Macs.ToString("N0"), "from the emitted kernels");
        reporter.Table(t);
        foreach (var p in r.Comparison.Problems.Concat(r.IntegerCheck?.Problems ?? new List<string>()))
            reporter.Line($"[red]{Markup.Escape(p)}[/]");
    }
}
