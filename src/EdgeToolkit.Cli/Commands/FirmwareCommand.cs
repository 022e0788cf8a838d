using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Firmware.Health;
using EdgeToolkit.Targets.Boards;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class FirmwareCommand : ICommand
{
    public string Name => "firmware";
    public string Summary => "build a firmware for a board: control (model + Newton-Raphson controller) or health (a day-by-day predictor), over the serial protocol";
    public string Usage => """
        usage: ./edgetk firmware build --model DIR [--app control] [--board B] -o OUT [--settings controller.json] [--pid]
                                       [--run-kernels] [--json]
               ./edgetk firmware build --app health --model MODEL [--board B] [--days W] -o OUT [--json]

        Compiles the control model (a folder with model.onnx and config.json, e.g. models/control-msd) to C
        with its Jacobian, writes the controller settings (the model's preset, or --settings) as
        control_settings.c, copies the app, runtime and board files into OUT with a CMakeLists.txt, and
        builds OUT/firmware.elf, .bin and .hex with arm-none-eabi-gcc. OUT/manifest.json records the
        board, the footprint (image_flash_bytes = text + data, ram_bytes = data + bss, flash_fraction)
        and the settings hash. An image that does not fit the board's flash or RAM is refused (exit 1).
        --board: a board of hardware/ [mps2-an386].   --pid: the PID baseline instead of Newton-Raphson.
        --run-kernels: also link the model's forward kernels for the free prediction (fewer instructions per
        period, but a second copy of the weights); by default y comes from the Jacobian, bit for bit the same.
        Run it with: ./edgetk flash OUT

        --app health: the health firmware (docs/firmware.md, "The health app"): MODEL (an .onnx file, float or int8
        QDQ, or a folder with model.onnx, e.g. models/health-events) takes [1, W*C+7] (W days of C readings, then
        the target day's weekday one-hot) and gives one head per output; the board keeps the last W days
        (--days W [7]) and answers each DAY frame with tomorrow's prediction. manifest.json adds flash_bytes,
        the model's share (the image minus the same image without the model).
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "app", "model", "board", "output", "settings", "days" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "pid", "run-kernels" };

    public int Run(Args args, Reporter reporter)
    {
        var action = args.Positional(0, "action (build)");
        if (action != "build") throw Args.Usage($"unknown firmware action '{action}'", "actions: build");
        var model = args.Get("model") ?? throw Args.Usage("missing --model DIR (a control model folder, e.g. models/control-msd)");
        var output = args.Get("output") ?? throw Args.Usage("missing -o OUT (the firmware folder to write)");
        var board = BoardCatalog.FromRepository().Get(args.Get("board") ?? "mps2-an386");
        if (args.Get("app") == HealthFirmwareBuilder.App) return BuildHealth(args, reporter, model, output, board);
        var result = FirmwareBuilder.Build(new FirmwareBuildRequest
        {
            App = args.Get("app") ?? FirmwareBuilder.App, ModelFolder = model, Board = board, OutputDir = output,
            SettingsFile = args.Get("settings"), PidOnly = args.Flag("pid"), RunKernels = args.Flag("run-kernels"),
        }, reporter.Progress);
        var m = result.Manifest;
        if (reporter.Json)
        {
            var json = m.ToJson();
            json["ok"] = true;
            json["output"] = result.OutputDir;
            reporter.WriteJson(json);
            return 0;
        }
        var t = new Table().Title($"{m.App} firmware ({m.Controller}) for {m.Board}").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        t.AddRow("model", Markup.Escape($"{m.ModelName} ({m.Plant}: p {m.P}, m {m.M}, horizon {m.Horizon})"));
        t.AddRow("image flash (text + data)", $"{Format.Bytes(m.ImageFlashBytes)} = {m.FlashFraction.ToString("P2", CultureInfo.InvariantCulture)} of {Format.Bytes(m.BoardFlashBytes)}");
        t.AddRow("static RAM (data + bss)", $"{Format.Bytes(m.RamBytes)} = {m.RamFraction.ToString("P2", CultureInfo.InvariantCulture)} of {Format.Bytes(m.BoardRamBytes)}");
        t.AddRow("settings hash", $"{m.SettingsHash:x8} ({Markup.Escape(m.SettingsSource)})");
        reporter.Table(t);
        reporter.Line($"wrote firmware.elf, firmware.bin, firmware.hex, manifest.json and the sources (CMakeLists.txt) to {Markup.Escape(result.OutputDir)}");
        reporter.Line($"run it: [bold]./edgetk flash {Markup.Escape(output)}[/]");
        return 0;
    }

    private static int BuildHealth(Args args, Reporter reporter, string model, string output, BoardDefinition board)
    {
        if (args.Get("settings") != null || args.Flag("pid") || args.Flag("run-kernels"))
            throw Args.Usage("--settings, --pid and --run-kernels apply to the control app", "drop them for --app health");
        var r = HealthFirmwareBuilder.Build(new HealthFirmwareRequest
        {
            ModelPath = model, Board = board, OutputDir = output, WindowDays = args.GetInt("days", 7),
        }, reporter.Progress);
        if (reporter.Json)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(r.OutputDir, FirmwareManifest.FileName)))!.AsObject();
            json["ok"] = true;
            json["output"] = r.OutputDir;
            reporter.WriteJson(json);
            return 0;
        }
        var t = new Table().Title($"health firmware for {board.Name}").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        t.AddRow("model", Markup.Escape($"{r.ModelName}: {r.WindowDays} days x {r.Columns} columns -> {string.Join(", ", r.OutputNames.Select((n, i) => $"{n}[{r.OutputSizes[i]}]"))}"));
        t.AddRow("image flash (text + data)", $"{Format.Bytes(r.ImageFlashBytes)} = {((double)r.ImageFlashBytes / board.Flash.Bytes).ToString("P2", CultureInfo.InvariantCulture)} of {Format.Bytes(board.Flash.Bytes)}");
        t.AddRow("the model's share of flash", Format.Bytes(r.ModelFlashBytes));
        t.AddRow("static RAM (data + bss)", $"{Format.Bytes(r.RamBytes)} = {((double)r.RamBytes / board.Ram.Bytes).ToString("P2", CultureInfo.InvariantCulture)} of {Format.Bytes(board.Ram.Bytes)}");
        reporter.Table(t);
        reporter.Line($"wrote firmware.elf, firmware.bin, firmware.hex, manifest.json and the sources (CMakeLists.txt) to {Markup.Escape(r.OutputDir)}");
        return 0;
    }
}
