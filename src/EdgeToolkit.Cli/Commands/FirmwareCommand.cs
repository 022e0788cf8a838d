using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Targets.Boards;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class FirmwareCommand : ICommand
{
    public string Name => "firmware";
    public string Summary => "build a control firmware (model + Newton-Raphson controller + serial protocol) for a board";
    public string Usage => """
        usage: ./edgetk firmware build --model DIR [--app control] [--board B] -o OUT [--settings controller.json] [--pid]
                                       [--run-kernels] [--json]

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
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "app", "model", "board", "output", "settings" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "pid", "run-kernels" };

    public int Run(Args args, Reporter reporter)
    {
        var action = args.Positional(0, "action (build)");
        if (action != "build") throw Args.Usage($"unknown firmware action '{action}'", "actions: build");
        var model = args.Get("model") ?? throw Args.Usage("missing --model DIR (a control model folder, e.g. models/control-msd)");
        var output = args.Get("output") ?? throw Args.Usage("missing -o OUT (the firmware folder to write)");
        var board = BoardCatalog.FromRepository().Get(args.Get("board") ?? "mps2-an386");
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
}
