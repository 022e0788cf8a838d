using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Firmware.Flashing;
using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class FlashCommand : ICommand
{
    public string Name => "flash";
    public string Summary => "flash a firmware folder to a board, or run it on the emulated board against the simulated plant";
    public string Usage => $"""
        usage: ./edgetk flash FW_DIR [--board B] [--reference {string.Join("|", StandardReferences.Names)}] [--steps N] [--seed S]
                                [--log run.csv] [--port /dev/ttyACM0] [--emulate] [--json]

        FW_DIR is a folder from `./edgetk firmware build`. When the board file's flashing tool (openocd,
        pyocd, st-flash, dfu-util) is installed and a probe is attached, runs the board's flasher; with
        --port it then runs hardware in the loop over that serial port. Otherwise (or with --emulate)
        starts the emulated board (QEMU, -icount) with the image and runs hardware in the loop against
        the simulated plant: per period the host sends y(k) and the reference preview, the board answers
        u(k) and the instructions of its controller step. Progress goes to stderr; --log writes every
        step (t, r, y, u, source, instructions) as CSV. An image that does not fit the board is refused (exit 1).
        --reference [steps], --steps [the reference's length], --seed: the plant's noise seed [1].
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "board", "reference", "steps", "seed", "log", "port" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "emulate" };

    public int Run(Args args, Reporter reporter)
    {
        var dir = args.Positional(0, "FW_DIR (a folder from ./edgetk firmware build)");
        var manifest = FirmwareManifest.Load(dir);
        var board = BoardCatalog.FromRepository().Get(args.Get("board") ?? manifest.Board);
        ImageFit.Require(dir, manifest, board);
        var referenceName = args.Get("reference") ?? "steps";
        if (!StandardReferences.Names.Contains(referenceName))
            throw Args.Usage($"unknown reference '{referenceName}'", $"references: {string.Join(", ", StandardReferences.Names)}");
        var reference = StandardReferences.Create(manifest.Plant, referenceName);
        var steps = args.GetInt("steps", reference.Steps);
        if (steps < 1) throw Args.Usage("--steps must be at least 1");

        var plan = args.Flag("emulate") ? new FlashPlan(false, null, null, null, "--emulate") : BoardFlasher.Plan(board, new ProbeDetector());
        var port = args.Get("port");
        if (plan.Real)
        {
            reporter.Progress($"flashing {board.Name}: {plan.Command}");
            BoardFlasher.Flash(plan, dir);
            if (port == null)
            {
                if (reporter.Json) reporter.WriteJson(new JsonObject { ["ok"] = true, ["mode"] = "flashed", ["board"] = board.Name, ["command"] = plan.Command });
                else reporter.Line($"flashed {Markup.Escape(board.Name)} ({Markup.Escape(plan.Probe?.Name ?? "")}); pass --port DEV to run it in the loop");
                return 0;
            }
        }
        else reporter.Progress($"no real board ({plan.Reason}): running the emulated {board.Name}");

        var plant = PlantCatalog.Create(manifest.Plant);
        var preview = TrajectoryPreview.From(reference, plant.Spec.DelayPeriods);
        var seed = args.GetInt("seed", 1);
        var progress = ProgressPrinter(reporter, steps);
        HilResult result;
        BoardSummary? summary = null;
        if (plan.Real)
        {
            using var link = SerialDevice.Open(port!);
            result = new HilSession(link) { ExpectedSettingsHash = manifest.SettingsHash, Progress = progress }.Run(plant, preview, steps, seed);
        }
        else
        {
            var run = EmulatedHil.Run(dir, manifest, board, plant, preview, steps, seed, progress);
            (result, summary) = (run.Result, run.Summary);
        }
        var outputs = plant.Spec.Outputs;
        if (args.Get("log") is { } log)
            File.WriteAllText(log, HilLog.Csv(result, outputs.Select(o => o.Name).ToList(), plant.Spec.Inputs.Select(i => i.Name).ToList()));

        var rms = TrackingRms(result, reference);
        if (reporter.Json)
        {
            var json = Json(result, summary, manifest, board, reference, rms, outputs.Select(o => o.Name).ToList());
            json["mode"] = plan.Real ? "real" : "emulated";
            json["log"] = args.Get("log");
            reporter.WriteJson(json);
            return 0;
        }
        var t = new Table().Title($"{manifest.Controller} on {(plan.Real ? "" : "emulated ")}{board.Name}: {manifest.Plant}, reference {reference.Name}")
            .AddColumn("").AddColumn(new TableColumn("").RightAligned());
        t.AddRow("steps", result.Steps.Count.ToString(CultureInfo.InvariantCulture));
        for (int o = 0; o < rms.Length; o++)
            if (reference.Tracked[o]) t.AddRow($"RMS error {Markup.Escape(outputs[o].Name)}", $"{rms[o]:G4} {Markup.Escape(outputs[o].Unit)}");
        t.AddRow("instructions per step", $"mean {result.InstructionsMean:N0}, max {result.InstructionsMax:N0}");
        t.AddRow($"latency at {board.ClockHz / 1e6:0} MHz (estimate)", Format.LatencyRange((long)Math.Round(result.InstructionsMean), board.ClockHz, board.CyclesPerInstruction));
        t.AddRow("fallbacks", result.Counters[1].ToString(CultureInfo.InvariantCulture));
        t.AddRow("link: resends, bad frames (board/host)", $"{result.Resends}, {result.Totals.BadFrames}/{result.BadFramesFromBoard}");
        t.AddRow("wall time", $"{result.Elapsed.TotalSeconds:0.00} s");
        reporter.Table(t);
        return 0;
    }

    private static JsonObject Json(HilResult result, BoardSummary? summary, FirmwareManifest manifest, BoardDefinition board,
        ReferenceTrajectory reference, double[] rms, IReadOnlyList<string> outputNames)
    {
        var estimate = board.EstimateLatency((long)Math.Round(result.InstructionsMean));
        return new JsonObject
        {
            ["ok"] = true, ["board"] = board.Name, ["controller"] = manifest.Controller,
            ["plant"] = manifest.Plant, ["reference"] = reference.Name, ["steps"] = result.Steps.Count,
            ["rms_error"] = new JsonObject(outputNames.Select((o, i) => KeyValuePair.Create(o, reference.Tracked[i] ? (JsonNode?)rms[i] : null))),
            ["instructions_per_step_mean"] = Math.Round(result.InstructionsMean, 1), ["instructions_per_step_max"] = result.InstructionsMax,
            ["latency_estimate_s"] = new JsonArray(estimate.MinSeconds, estimate.MaxSeconds),
            ["counters"] = new JsonObject(ActuatorMessage.CounterNames.Select((n, i) => KeyValuePair.Create(n, (JsonNode?)result.Counters[i]))),
            ["resends"] = result.Resends, ["bad_frames_from_board"] = result.BadFramesFromBoard,
            ["bad_frames_at_board"] = result.Totals.BadFrames, ["lost_frames_at_board"] = result.Totals.LostFrames,
            ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 2),
            ["board_summary"] = summary == null ? null : new JsonObject(summary.Values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
    }

    /// <summary>RMS of y(k) - r(k) over the run for each output (measured outputs: the host sees what the board sees).</summary>
    private static double[] TrackingRms(HilResult result, ReferenceTrajectory reference)
    {
        int m = reference.Outputs;
        var sum = new double[m];
        foreach (var s in result.Steps)
            for (int o = 0; o < m; o++) { double e = s.Measured[o] - reference.Rows[Math.Min(s.Step, reference.Steps)][o]; sum[o] += e * e; }
        return sum.Select(v => Math.Sqrt(v / Math.Max(1, result.Steps.Count))).ToArray();
    }

    private static Action<int, int> ProgressPrinter(Reporter reporter, int total)
    {
        int every = Math.Max(1, total / 10);
        return (done, all) => { if (done % every == 0 || done == all) reporter.Progress($"hardware in the loop: {done}/{all} steps"); };
    }
}
