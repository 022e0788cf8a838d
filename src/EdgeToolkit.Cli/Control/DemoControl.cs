using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Commands;
using EdgeToolkit.Cli.Output;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Profiling;
using EdgeToolkit.Targets;
using EdgeToolkit.Training.Zoo;
using Spectre.Console;

namespace EdgeToolkit.Cli.Control;

/// <summary>
/// `demo control`, end to end: train the plant's forward model (TorchSharp), compile it with its
/// Jacobian into the control firmware, run the firmware on the emulated Cortex-M4 in closed loop
/// with the simulated plant (hardware in the loop over the framed serial protocol), compare with
/// the tuned PID on the same plant, reference and noise, inject faults, and write a report with plots.
/// </summary>
public static class DemoControl
{
    public static int Run(Args args, Reporter reporter)
    {
        var inv = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var plant = args.Get("plant") ?? "msd";
        var target = args.Get("target") ?? "cortex-m4";
        var root = args.Get("output") ?? Path.Combine(RepoPaths.Root, ".build", "demo");
        var folder = Path.Combine(root, "control-" + plant);
        reporter.Line($"[bold]EdgeToolkit control demo[/]: learn the {Markup.Escape(plant)} plant's forward model, invert it with the Newton-Raphson controller on an emulated {Markup.Escape(target)}, against a tuned PID.");

        reporter.Progress($"1/5 training the forward model into {folder}");
        var trained = DemoCommand.Train(plant, folder, reporter);
        var preset = ControllerPresets.ForModelFolder(folder);

        reporter.Progress("2/5 control firmware: generated model + Jacobian + controller, built and run in the loop on the emulated board (chirp reference)");
        var firmware = ControlFirmwareFigures.Measure(folder, preset, target, args.Get("board"), reporter, Path.Combine(root, $"control-{plant}-firmware"), "chirp");
        var boardLog = firmware.Log();

        reporter.Progress("3/5 the same plant, reference and noise on the host: Newton-Raphson (.NET) and the tuned PID");
        var chirp = ControlBenchmark.Compare(folder, "chirp", preset: preset);
        var steps = ControlBenchmark.Compare(folder, "steps", preset: preset);
        reporter.Progress("4/5 fault scenario on the steps reference (NaN, zero and stale readings, stuck actuators, a noise burst)");
        var faulted = ControlBenchmark.Compare(folder, "steps", FaultInjection.Standard, preset: preset);

        var first = chirp.Newton;
        var tracked = Enumerable.Range(0, first.OutputNames.Count).Where(o => first.Tracked[o]).ToArray();
        var boardRms = ClosedLoopMetrics.Rms(boardLog, first.Tracked);
        // The board's run in the host run's shape (for the plots and tables); its counters are the board's, in the firmware figures.
        var onBoard = first with
        {
            Log = boardLog, Rms = boardRms, Overall = ClosedLoopMetrics.Combine(boardRms, first.Tracked),
            Normalised = ClosedLoopMetrics.Combine(boardRms, first.Tracked, preset.Settings.YScale),
        };

        reporter.Progress("5/5 report and plots");
        var reportPath = Path.Combine(root, $"control-{plant}-report.html");
        WriteReport(reportPath, plant, preset, trained, firmware, onBoard, chirp, steps, faulted);

        if (reporter.Json)
        {
            reporter.WriteJson(new JsonObject
            {
                ["plant"] = plant, ["model"] = folder, ["report"] = reportPath,
                ["training_seconds"] = Math.Round(trained.Duration.TotalSeconds, 1),
                ["board"] = firmware.Board.Name,
                ["nr_on_board_rms_error"] = ControlJson.Round(onBoard.Normalised),
                ["nr_rms_error"] = new JsonObject { ["chirp"] = ControlJson.Round(chirp.Newton.Normalised), ["steps"] = ControlJson.Round(steps.Newton.Normalised) },
                ["pid_rms_error"] = new JsonObject { ["chirp"] = ControlJson.Round(chirp.Pid.Normalised), ["steps"] = ControlJson.Round(steps.Pid.Normalised) },
                ["rms_error_unit"] = "fraction of each tracked output's range",
                ["instructions_per_step"] = firmware.InstructionsPerStep,
                ["control_rate_hz"] = firmware.RateJson(),
                ["flash_bytes"] = firmware.ImageFlashBytes, ["flash_fraction"] = ControlJson.Round(firmware.FlashFraction),
                ["implementations_max_diff"] = firmware.ImplementationsMaxDiff,
                ["faults"] = new JsonObject { ["nr"] = ControlJson.Run(faulted.Newton), ["pid"] = ControlJson.Run(faulted.Pid) },
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            });
            return 0;
        }

        var t = new Table().Title($"{Markup.Escape(plant)}: RMS tracking error of {Markup.Escape(string.Join(", ", tracked.Select(o => first.OutputNames[o])))} (plant units)")
            .AddColumn("reference").AddColumn(new TableColumn("NR on the emulated board").RightAligned()).AddColumn(new TableColumn("NR (.NET, host)").RightAligned())
            .AddColumn(new TableColumn("tuned PID").RightAligned()).AddColumn(new TableColumn("NR / PID").RightAligned());
        string G(double[] rms) => string.Join(", ", tracked.Select(o => rms[o].ToString("G3", inv)));
        t.AddRow("chirp", G(onBoard.Rms), G(chirp.Newton.Rms), G(chirp.Pid.Rms), chirp.Ratio.ToString("0.00", inv));
        t.AddRow("steps", "", G(steps.Newton.Rms), G(steps.Pid.Rms), steps.Ratio.ToString("0.00", inv));
        t.AddRow("steps + faults", "", G(faulted.Newton.Rms), G(faulted.Pid.Rms), faulted.Ratio.ToString("0.00", inv));
        reporter.Table(t);
        firmware.Print(reporter);
        reporter.Line(Markup.Escape($"faults, NR: {ControlSimulate.CountersLine(faulted.Newton.Counters)}"));
        reporter.Line(Markup.Escape($"report with plots: {Path.GetRelativePath(Environment.CurrentDirectory, reportPath)} ({clock.Elapsed.TotalSeconds:0} s in all)"));
        reporter.Line("Next: [bold]./edgetk control benchmark --plant tendon[/], [bold]./edgetk firmware build --app control --model models/control-msd --board netduinoplus2 -o fw/[/], [bold]./edgetk flash fw/[/].");
        return 0;
    }

    private static void WriteReport(string path, string plant, ControllerPreset preset, TrainOutcome trained, ControlFirmwareFigures firmware,
        ClosedLoopResult onBoard, BenchmarkComparison chirp, BenchmarkComparison steps, BenchmarkComparison faulted)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = preset.Settings;
        var html = new DemoReportHtml($"EdgeToolkit control demo: {plant}",
            $"The forward model y(k+1) = f(past u, past y) was trained with TorchSharp ({trained.Duration.TotalSeconds:0} s), compiled to C with its analytic Jacobian, " +
            $"and inverted every period by the Newton-Raphson controller (horizon {s.Horizon}, {s.MaxIterations} iteration) in the control firmware, which ran on the emulated " +
            $"{firmware.Board.Name} ({firmware.Board.Core}, QEMU) in closed loop with the simulated plant over the framed serial protocol. The PID baseline is tuned by relay experiment, " +
            "Tyreus-Luyben and Nelder-Mead on the same references (docs/control.md). Same plant, reference and sensor noise for every controller.");
        var tracked = Enumerable.Range(0, onBoard.OutputNames.Count).Where(o => onBoard.Tracked[o]).ToArray();
        string G(double[] rms) => string.Join(", ", tracked.Select(o => rms[o].ToString("G3", inv)));
        html.Section("Tracking").Table(["reference", "NR on the board", "NR (.NET, host)", "tuned PID", "NR / PID"],
        [
            ["chirp", G(onBoard.Rms), G(chirp.Newton.Rms), G(chirp.Pid.Rms), chirp.Ratio.ToString("0.00", inv)],
            ["steps", "-", G(steps.Newton.Rms), G(steps.Pid.Rms), steps.Ratio.ToString("0.00", inv)],
            ["steps + faults", "-", G(faulted.Newton.Rms), G(faulted.Pid.Rms), faulted.Ratio.ToString("0.00", inv)],
        ], $"RMS of reference - noise-free output, {string.Join(", ", tracked.Select(o => onBoard.OutputNames[o]))} in plant units; NR / PID on the normalised errors.");
        var runs = new List<(string, ClosedLoopResult)> { ("NR on the board", onBoard), ("PID", chirp.Pid) };
        foreach (var p in ControlPlots.Tracking(runs, "Reference (dashed), the Newton-Raphson controller running in the firmware on the emulated board, and the tuned PID.")) html.Figure(p);
        html.Figure(ControlPlots.Error(runs, s.YScale, "Tracking error over time, as a share of the output's range in the identification data."));
        html.Figure(ControlPlots.Commands(runs, preset.InputNames, "The commands each controller sent (within the actuator's limits and slew rate)."));
        foreach (var p in ControlPlots.Tracking([("NR", steps.Newton), ("PID", steps.Pid)], "The steps reference (minimum-jerk transitions), host simulation.")) html.Figure(p);
        foreach (var p in ControlPlots.Tracking([("NR", faulted.Newton), ("PID", faulted.Pid)],
            "Steps with the standard faults: NaN readings at 1.5 s, zero readings at 3 s, a stale sensor at 4.5 s, stuck actuators at 6 s, a noise burst at 7.5 s.")) html.Figure(p);
        var c = faulted.Newton.Counters;
        html.Table(["fallback counter (NR, faults)", "count"],
        [
            ["fallbacks", c.Fallbacks.ToString(inv)], ["sensor", c.FallbackSensor.ToString(inv)], ["mismatch", c.FallbackMismatch.ToString(inv)],
            ["singular Hessian", c.FallbackSingular.ToString(inv)], ["diverged", c.FallbackDiverged.ToString(inv)], ["sensor faults (substituted readings)", c.SensorFaults.ToString(inv)],
        ]);

        long instr = firmware.InstructionsPerStep;
        var cpi = firmware.Board.CyclesPerInstruction;
        double periodUs = s.Period * 1e6;
        html.Section("Control rate and footprint").Table(["figure", "value"],
        [
            ["instructions per control step (forward model + Jacobian + Newton update, QEMU icount, max)", instr.ToString("N0", inv)],
            ["control rate at 168 MHz by the instruction count", $"{ControlFirmwareFigures.ReferenceClockHz / (double)instr / 1000:0.0} kHz"],
            [$"control rate at 168 MHz with {cpi.Min}-{cpi.Max} cycles per instruction", $"{ControlFirmwareFigures.ReferenceClockHz / (instr * cpi.Max) / 1000:0.0}-{ControlFirmwareFigures.ReferenceClockHz / (instr * cpi.Min) / 1000:0.0} kHz"],
            ["firmware image (whole control firmware: model, Jacobian, controller, protocol, board support)", $"{firmware.ImageFlashBytes:N0} B = {firmware.FlashFraction:P2} of {firmware.Board.Flash.Bytes:N0} B"],
            ["static RAM", $"{firmware.RamBytes:N0} B"],
            ["largest command difference, C on the board vs .NET vs nanoFramework", firmware.ImplementationsMaxDiff.ToString("G3", inv)],
        ], "Seed paper (nn4mc): >= 120 Hz, <= 6.4% of flash.");
        double stepUsMin = instr * cpi.Min / ControlFirmwareFigures.ReferenceClockHz * 1e6, stepUsMax = instr * cpi.Max / ControlFirmwareFigures.ReferenceClockHz * 1e6;
        html.Figure(ControlPlots.Shares("One control period at 168 MHz", "us", [("control step (1.2 cycles/instr.)", stepUsMin), ("control step (2 cycles/instr.)", stepUsMax)], periodUs,
            $"Time the controller takes out of the plant's {s.Period * 1000:0} ms period on an STM32F4-class Cortex-M4 at 168 MHz."));
        html.Figure(ControlPlots.Shares("Flash", "B", [("control firmware image", firmware.ImageFlashBytes), ("2% budget", 0.02 * firmware.Board.Flash.Bytes)], firmware.Board.Flash.Bytes,
            $"The whole control firmware image against the board's flash ({firmware.Board.Name})."));
        html.Write(path);
    }
}
