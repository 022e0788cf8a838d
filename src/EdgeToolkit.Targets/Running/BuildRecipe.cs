using System.Globalization;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>
/// Everything target-specific about building and running: compiler, flags, the platform sources
/// (board support or hosted port), the footprint tool, and the run command.
/// </summary>
public sealed record BuildRecipe
{
    /// <summary>QEMU advances its virtual clock by 2^IcountShift ns per instruction (mcu-qemu.md).</summary>
    public const int IcountShift = 7;

    public static readonly IReadOnlyList<string> McuFlags =
        new[] { "-O2", "-ffp-contract=off", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra", "-Werror", "-std=c99" };

    public required string Target { get; init; }
    public BoardDefinition? Board { get; init; }
    public required string Compiler { get; init; }
    public required string SizeTool { get; init; }
    /// <summary>Flags for every compile (model, harness, platform).</summary>
    public required IReadOnlyList<string> CompileFlags { get; init; }
    /// <summary>Flags at the link step only (after the objects).</summary>
    public required IReadOnlyList<string> LinkFlags { get; init; }
    /// <summary>Platform C sources (absolute), compiled once per recipe and cached.</summary>
    public required IReadOnlyList<string> PlatformSources { get; init; }
    /// <summary>MCU: the part of PlatformSources that is board support (startup, semihosting, timer), without the harness port.</summary>
    public IReadOnlyList<string> BoardSupportSources { get; init; } = Array.Empty<string>();
    /// <summary>Emulator (null: run the program itself) and its arguments before the program path.</summary>
    public string? Runner { get; init; }
    public IReadOnlyList<string> RunnerArgs { get; init; } = Array.Empty<string>();
    /// <summary>Host only: the harness repeats each case to time it.</summary>
    public bool TimesNanoseconds { get; init; }

    public bool IsMcu => Board != null;

    /// <summary>The opt-in fast mode: FMA contraction allowed, so results are no longer bit-identical across targets.</summary>
    public BuildRecipe WithFastMath() =>
        this with { CompileFlags = CompileFlags.Select(f => f == "-ffp-contract=off" ? "-ffp-contract=fast" : f).ToList() };

    public static BuildRecipe For(string target, BoardDefinition? board, RunOptions options, Toolchain tools)
    {
        var firmware = RepoPaths.Firmware;
        var harness = Path.Combine(firmware, "harness");
        var common = Path.Combine(firmware, "boards", "common");
        var includes = new[] { "-I" + harness, "-I" + common };
        var hostedSources = new[] { Path.Combine(harness, "port_hosted.c"), Path.Combine(harness, "harness_print.c") };
        var commonFlags = new[] { "-Wall", "-Wextra", "-Werror", "-std=c99", "-ffunction-sections", "-fdata-sections" };
        switch (target)
        {
            case "host":
                return new BuildRecipe
                {
                    Target = target,
                    Compiler = tools.Require("gcc"),
                    SizeTool = tools.Require("size"),
                    CompileFlags = (options.HostNative ? new[] { "-O3", "-march=native" } : new[] { "-O2" })
                        .Concat(new[] { "-ffp-contract=off" }).Concat(commonFlags).Concat(new[] { "-DEDGETK_HOSTED" }).Concat(includes).ToList(),
                    LinkFlags = new[] { "-Wl,--gc-sections", "-lm" },
                    PlatformSources = hostedSources,
                    TimesNanoseconds = true,
                };
            case "aarch64":
                return new BuildRecipe
                {
                    Target = target,
                    Compiler = tools.Require("aarch64-linux-gnu-gcc"),
                    SizeTool = tools.Require("aarch64-linux-gnu-size"),
                    CompileFlags = new[] { "-static", "-O2", "-ffp-contract=off" }.Concat(commonFlags)
                        .Concat(new[] { "-DEDGETK_HOSTED" }).Concat(includes).ToList(),
                    LinkFlags = new[] { "-static", "-Wl,--gc-sections", "-lm" },
                    PlatformSources = hostedSources,
                    Runner = tools.Require("qemu-aarch64"),
                };
        }
        if (board == null)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"target '{target}' needs a board", hint: "pass a board from hardware/ (--board ...)");
        if (board.Core != target)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"board '{board.Name}' has a {board.Core}, not a {target}",
                hint: $"use --target {board.Core} with --board {board.Name}");
        var timer = board.Timer.Kind switch
        {
            "systick" => new { Source = "timer_systick.c", Defines = Array.Empty<string>() },
            "cmsdk" => new { Source = "timer_cmsdk.c", Defines = new[] {
                string.Create(CultureInfo.InvariantCulture, $"-DCMSDK_TIMER_BASE=0x{board.Timer.Base ?? 0x40000000UL:X8}u") } },
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"board '{board.Name}' has unknown timer kind '{board.Timer.Kind}'",
                file: Path.Combine(RepoPaths.Hardware, board.Name + ".json"), hint: "timer kind is systick or cmsdk"),
        };
        var boardSupport = new[] { "startup.c", "semihosting.c", timer.Source }.Select(f => Path.Combine(common, f)).ToList();
        return new BuildRecipe
        {
            Target = target,
            Board = board,
            Compiler = tools.Require("arm-none-eabi-gcc"),
            SizeTool = tools.Require("arm-none-eabi-size"),
            CompileFlags = board.GccFlags.Concat(McuFlags).Concat(timer.Defines).Concat(includes).ToList(),
            LinkFlags = new[] { "-nostartfiles", "-Wl,--gc-sections", "-T", "link.ld", "--specs=nano.specs", "--specs=nosys.specs", "-lm" },
            BoardSupportSources = boardSupport,
            PlatformSources = boardSupport.Concat(new[] { "port_mcu.c", "harness_print.c" }.Select(f => Path.Combine(harness, f))).ToList(),
            Runner = tools.Require("qemu-system-arm"),
            RunnerArgs = new[] { "-M", board.QemuMachine, "-display", "none", "-monitor", "none", "-serial", "none",
                "-chardev", "stdio,id=semi", "-semihosting-config", "enable=on,target=native,chardev=semi",
                "-icount", "shift=" + IcountShift, "-kernel" },
        };
    }

    /// <summary>Exact instruction count for a timer tick difference (valid while 2^shift ns spans more than 2 ticks).</summary>
    public long TicksToInstructions(double ticks)
    {
        var hz = Board?.Timer.Hz ?? throw new InvalidOperationException("no board timer");
        return (long)Math.Round(ticks * (1e9 / hz) / (1 << IcountShift));
    }
}
