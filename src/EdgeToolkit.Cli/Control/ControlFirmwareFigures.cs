using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using Spectre.Console;

namespace EdgeToolkit.Cli.Control;

/// <summary>
/// The control firmware's figures on a board: it is built (`firmware build`), run in the loop on
/// the emulated board against the simulated plant on the steps reference, and the commands the C
/// controller sent are replayed into the .NET and nanoFramework controllers (ImplementationAgreement).
/// Instructions per step are QEMU icount of etk_nr_step (forward model + Jacobian + Newton update).
/// </summary>
public sealed class ControlFirmwareFigures
{
    /// <summary>The clock the issue's rate is stated at: an STM32F4-class Cortex-M4 (hardware/netduinoplus2.json).</summary>
    public const long ReferenceClockHz = 168_000_000;

    public required string Target { get; init; }
    public required BoardDefinition Board { get; init; }
    public required FirmwareManifest Manifest { get; init; }
    public required HilResult Hil { get; init; }
    public required AgreementResult Agreement { get; init; }
    public required string FirmwareDir { get; init; }
    public required ReferenceTrajectory Reference { get; init; }

    public long InstructionsPerStep => Hil.InstructionsMax;
    public long ImageFlashBytes => Manifest.ImageFlashBytes;
    public long RamBytes => Manifest.RamBytes;
    public double FlashFraction => Manifest.FlashFraction;
    public double ImplementationsMaxDiff => Agreement.MaxDiff;

    public static ControlFirmwareFigures Measure(string folder, ControllerPreset preset, string target, string? boardName, Reporter reporter,
        string? outputDir = null, string referenceName = "steps", IReadOnlyList<Fault>? faults = null)
    {
        var boards = BoardCatalog.FromRepository();
        var board = boards.Resolve(target, boardName)
            ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"target '{target}' has no board", hint: "the control firmware runs on cortex-m0, -m3, -m4, -m7 or -m33 boards");
        var dir = outputDir ?? Path.Combine(RepoPaths.Root, ".build", "control", $"{preset.Plant}-{board.Name}");
        reporter.Progress($"building the control firmware for {board.Name} into {dir}");
        var build = FirmwareBuilder.Build(new FirmwareBuildRequest { ModelFolder = folder, Board = board, OutputDir = dir, Preset = preset },
            m => reporter.Progress(m));

        var reference = StandardReferences.Create(preset.Plant, referenceName);
        var plant = PlantCatalog.Create(preset.Plant);
        var preview = TrajectoryPreview.From(reference, plant.Spec.DelayPeriods);
        int every = Math.Max(1, reference.Steps / 5);
        reporter.Progress($"hardware in the loop on the emulated {board.Name}: {reference.Steps} periods of the {referenceName} reference{(faults != null ? " with the fault scenario" : "")}");
        var run = EmulatedHil.Run(dir, build.Manifest, board, plant, preview, reference.Steps, 1,
            (done, all) => { if (done % every == 0 || done == all) reporter.Progress($"  {done}/{all} periods"); },
            faults: faults is { Count: > 0 } ? new FaultInjection(faults) : null);

        reporter.Progress("replaying the board's inputs into the .NET and nanoFramework controllers");
        var settings = preset.Settings;
        var observed = run.Result.Steps.Select(s => new ObservedStep(s.Measured, preview(s.Step, settings.Horizon, settings.M), s.Command, s.Source)).ToList();
        var agreement = ImplementationAgreement.Replay(settings, Path.Combine(folder, "model.onnx"), observed);
        return new ControlFirmwareFigures { Target = target, Board = board, Manifest = build.Manifest, Hil = run.Result, Agreement = agreement, FirmwareDir = dir, Reference = reference };
    }

    /// <summary>The board's run as a closed-loop log (true outputs, commands, sources), to plot and score beside the host simulations.</summary>
    public ClosedLoopLog Log()
    {
        var log = new ClosedLoopLog();
        foreach (var s in Hil.Steps)
        {
            log.Time.Add(s.Time + Reference.Period);
            log.Reference.Add(Reference.Rows[s.Step + 1]);
            log.Measured.Add(s.Measured.Select(v => (double)v).ToArray());
            log.TrueOutput.Add(s.TrueNext ?? s.Measured.Select(v => (double)v).ToArray());
            log.Command.Add(s.Command.Select(v => (double)v).ToArray());
            log.Applied.Add(s.Command.Select(v => (double)v).ToArray());
            log.Source.Add(s.SourceName);
        }
        return log;
    }

    /// <summary>Control rate by the instruction count and for the board's cycles per instruction, at the board's clock and at 168 MHz.</summary>
    public JsonObject RateJson()
    {
        var cpi = Board.CyclesPerInstruction;
        JsonObject At(long hz) => new()
        {
            ["clock_hz"] = hz,
            ["by_instruction_count_hz"] = Math.Round((double)hz / InstructionsPerStep),
            ["with_cycles_per_instruction_hz"] = new JsonArray(Math.Round(hz / (InstructionsPerStep * cpi.Max)), Math.Round(hz / (InstructionsPerStep * cpi.Min))),
            ["cycles_per_instruction"] = new JsonArray(cpi.Min, cpi.Max),
        };
        return new JsonObject { ["board_clock"] = At(Board.ClockHz), ["at_168_mhz"] = At(ReferenceClockHz) };
    }

    public JsonObject ImplementationsJson() => new()
    {
        ["steps"] = Agreement.Steps,
        ["c_on_board_vs_dotnet"] = Agreement.NetVsC,
        ["c_on_board_vs_nanoframework"] = Agreement.NanoVsC,
        ["dotnet_vs_nanoframework"] = Agreement.NetVsNano,
        ["max_diff_of_command_range"] = Agreement.MaxDiffOfRange,
        ["source_mismatches"] = Agreement.SourceMismatches,
        ["board_fallbacks"] = Hil.Counters[1],
        ["how"] = $"the C controller's inputs (y(k) and the reference preview) over {Agreement.Steps} periods on the emulated {Board.Name}, replayed into the .NET and nanoFramework controllers; largest absolute command difference",
    };

    public void Print(Reporter reporter)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = new Table().Title($"control firmware on {Markup.Escape(Board.Name)} ({Markup.Escape(Board.Core)})").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        t.AddRow("instructions per control step (max)", InstructionsPerStep.ToString("N0", inv));
        var cpi = Board.CyclesPerInstruction;
        t.AddRow("control rate at 168 MHz", $"{ReferenceClockHz / (double)InstructionsPerStep / 1000:0.0} kHz by the count, {ReferenceClockHz / (InstructionsPerStep * cpi.Max) / 1000:0.0}-{ReferenceClockHz / (InstructionsPerStep * cpi.Min) / 1000:0.0} kHz at {cpi.Min}-{cpi.Max} cycles/instruction");
        t.AddRow($"control rate at {Board.ClockHz / 1e6:0} MHz (this board)", $"{Board.ClockHz / (double)InstructionsPerStep:0} Hz by the count");
        t.AddRow("firmware image (flash)", $"{Format.Bytes(ImageFlashBytes)} = {FlashFraction:P2} of {Format.Bytes(Board.Flash.Bytes)}");
        t.AddRow("static RAM", Format.Bytes(RamBytes));
        t.AddRow("C vs .NET vs nanoFramework (largest command difference)", ImplementationsMaxDiff.ToString("G3", inv));
        reporter.Table(t);
    }
}
