using EdgeToolkit.CodeGen;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Building;

/// <summary>What to build: the app, the control model folder, the board, and where to.</summary>
public sealed record FirmwareBuildRequest
{
    public string App { get; init; } = "control";
    public required string ModelFolder { get; init; }
    public required BoardDefinition Board { get; init; }
    public required string OutputDir { get; init; }
    /// <summary>A controller.json to use instead of the model folder's preset.</summary>
    public string? SettingsFile { get; init; }
    /// <summary>Settings already in hand (a caller's preset), instead of a file or the stored preset.</summary>
    public ControllerPreset? Preset { get; init; }
    /// <summary>The PID baseline instead of the Newton-Raphson controller.</summary>
    public bool PidOnly { get; init; }
    /// <summary>Link the model's run kernels for the forward pass (faster, more flash) instead of taking y from the Jacobian.</summary>
    public bool RunKernels { get; init; }
}

public sealed record FirmwareBuildResult(FirmwareManifest Manifest, string OutputDir, ControllerPreset Preset)
{
    public string ElfPath => Path.Combine(OutputDir, "firmware.elf");
}

/// <summary>
/// `firmware build`: the control model compiled to C with its Jacobian, the controller settings as
/// control_settings.c, the app, runtime and board files copied into one folder with a
/// CMakeLists.txt, and firmware.elf/.bin/.hex built with the board's flags and linker script.
/// The folder is assembled beside the output and moved in only when the image built and fits.
/// </summary>
public static class FirmwareBuilder
{
    public const string App = "control";

    public static FirmwareBuildResult Build(FirmwareBuildRequest request, Action<string>? progress = null, Toolchain? toolchain = null)
    {
        if (request.App != App)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown firmware app '{request.App}'", hint: $"apps: {App}, health");
        var tools = toolchain ?? Toolchain.Default;
        var board = request.Board;
        var config = ControlModelFolder.Read(request.ModelFolder);
        var preset = request.Preset
            ?? (request.SettingsFile != null ? ControllerJson.Load(request.SettingsFile) : ControllerPresets.ForModelFolder(request.ModelFolder));
        var settings = preset.Settings;
        RequireMatchingPlant(preset, config, request.SettingsFile ?? config.Folder);

        progress?.Invoke($"compiling {config.ModelPath} to C for {board.Core} (with its Jacobian)");
        var name = CNames.Identifier(Path.GetFileName(Path.TrimEndingDirectorySeparator(config.Folder)).ToLowerInvariant());
        var graph = OnnxImporter.Load(config.ModelPath);
        var chain = MlpChain.Extract(graph);
        if (chain.InputCount != settings.Features || chain.OutputCount != settings.M)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the model maps {chain.InputCount} features to {chain.OutputCount} outputs, the settings describe {settings.Features} and {settings.M}",
                file: config.ModelPath, hint: "use the controller settings of this model's plant and window");
        PassPipeline.Standard(new PipelineOptions()).Run(graph);
        var code = CCodeGenerator.Generate(graph, new CodeGenOptions { Name = name, Target = TargetProfile.ForTarget(board.Core), EmitJacobian = true });

        var output = Path.GetFullPath(request.OutputDir);
        if (File.Exists(output)) throw new EdgeToolkitException(ErrorKind.BadInput, "output path is a file, not a folder", file: request.OutputDir);
        var staging = output.TrimEnd('/') + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var hash = SettingsHash.Of(settings);
            var tree = FirmwareTree.Write(staging, board, code, ControlSettingsWriter.Write(settings, name, chain.InputCount, chain.OutputCount, hash,
                request.SettingsFile ?? (request.Preset != null ? "settings given by the caller" : $"the {preset.Plant} preset"), request.RunKernels));
            ControllerJson.Save(preset, Path.Combine(staging, ControllerJson.FileName));
            var defines = Defines(board, settings, request.PidOnly);

            progress?.Invoke($"building the control firmware for {board.Name}");
            var build = BuildImage(board, tree, staging, defines, tools);
            WriteBinaries(staging, tools);
            File.WriteAllText(Path.Combine(staging, "CMakeLists.txt"), CMakeProjectWriter.Write($"{name}_firmware", tree.AppSources, tree.BoardSupportSources, tree.IncludeDirs,
                defines, board.GccFlags, BuildRecipe.McuFlags, CMakeLinkFlags(build.Recipe)));

            var manifest = new FirmwareManifest
            {
                App = request.App, Controller = request.PidOnly ? "pid" : "newton", Forward = request.RunKernels ? "run" : "jacobian",
                Board = board.Name, Core = board.Core,
                Model = Path.GetFullPath(request.ModelFolder), ModelName = name, Plant = preset.Plant,
                P = settings.P, M = settings.M, Horizon = settings.Horizon,
                SettingsHash = hash, SettingsSource = request.SettingsFile != null ? Path.GetFullPath(request.SettingsFile) : request.Preset != null ? "caller" : "preset",
                ImageFlashBytes = build.Size.Flash, RamBytes = build.Size.Ram, BoardFlashBytes = board.Flash.Bytes, BoardRamBytes = board.Ram.Bytes,
                Text = build.Size.Text, Data = build.Size.Data, Bss = build.Size.Bss,
                BuildCommand = build.CompileCommand.Replace(staging, output),
            };
            manifest.Save(staging);
            MoveInto(staging, output);
            return new FirmwareBuildResult(manifest, output, preset);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Every -D of the build: etk_nr's maxima, the board's timer and UART, the tick conversion, the controller switch.</summary>
    public static IReadOnlyList<string> Defines(BoardDefinition board, ControllerSettings settings, bool pidOnly)
    {
        var defines = NrBufferSizes.Defines(settings).Concat(BoardDefines(board)).ToList();
        if (pidOnly) defines.Add("ETK_CONTROL_PID_ONLY=1");
        return defines;
    }

    /// <summary>The -D flags every firmware app needs from its board: the UART, the timer, the tick-to-instruction ratio.</summary>
    public static IReadOnlyList<string> BoardDefines(BoardDefinition board)
    {
        var recipe = BuildRecipe.For(board.Core, board, new RunOptions(), Toolchain.Default);
        var (num, den) = TickRatio(board.Timer.Hz);
        return BoardUart.For(board).Defines
            .Concat(recipe.CompileFlags.Where(f => f.StartsWith("-D")).Select(f => f[2..]))
            .Append($"ETK_TICKS_NUM={num}u").Append($"ETK_TICKS_DEN={den}u")
            .ToList();
    }

    /// <summary>firmware.bin and firmware.hex beside firmware.elf.</summary>
    internal static void WriteBinaries(string dir, Toolchain tools)
    {
        var objcopy = tools.Require("arm-none-eabi-objcopy");
        foreach (var (format, file) in new[] { ("binary", "firmware.bin"), ("ihex", "firmware.hex") })
        {
            var r = ProcessRunner.Run(objcopy, new[] { "-O", format, "firmware.elf", file }, dir, TimeSpan.FromMinutes(1));
            if (r.ExitCode != 0) throw new EdgeToolkitException(ErrorKind.CheckFailed, $"objcopy failed: {r.CombinedOutput.Trim()}");
        }
    }

    /// <summary>Ticks to instructions under -icount: ticks x 1e9 / hz / 2^shift as a reduced fraction (exact integer math on the board).</summary>
    public static (long Num, long Den) TickRatio(long timerHz)
    {
        long num = 1_000_000_000, den = timerHz << BuildRecipe.IcountShift;
        long g = (long)System.Numerics.BigInteger.GreatestCommonDivisor(num, den);
        return (num / g, den / g);
    }

    /// <param name="what">How the refusal names the image, e.g. "the control firmware image".</param>
    internal static FirmwareBuild BuildImage(BoardDefinition board, FirmwareTree tree, string dir, IReadOnlyList<string> defines, Toolchain tools,
        string what = "the control firmware image", IReadOnlyList<string>? sources = null, string? outputDir = null)
    {
        // -pedantic for the app, runtime and generated model (the precompiled board support uses GNU C range initializers).
        var flags = new[] { "-pedantic" }.Concat(tree.IncludeDirs.Select(d => "-I" + Path.Combine(dir, d))).Concat(defines.Select(d => "-D" + d)).ToList();
        try
        {
            return FirmwareImage.Build(board, (sources ?? tree.AppSources).Select(s => Path.Combine(dir, s)).ToList(), outputDir ?? dir, flags, tools);
        }
        catch (EdgeToolkitException e) when (e.Kind == ErrorKind.CheckFailed && e.Problem.StartsWith("model does not fit"))
        {
            throw new EdgeToolkitException(ErrorKind.CheckFailed, what + e.Problem["model".Length..],
                hint: $"a smaller model (int8 quantization, pruning, fewer or narrower layers), or a board with more memory (board {board.Name} has {board.Flash.Bytes} bytes of flash and {board.Ram.Bytes} of RAM)");
        }
    }

    /// <summary>The link flags of the direct build with the linker script taken from the project folder.</summary>
    internal static IReadOnlyList<string> CMakeLinkFlags(BuildRecipe recipe)
    {
        var flags = new List<string>();
        for (int i = 0; i < recipe.LinkFlags.Count; i++)
        {
            if (recipe.LinkFlags[i] == "-lm") continue; // target_link_libraries
            if (recipe.LinkFlags[i] == "-T") { flags.Add("-T${CMAKE_CURRENT_SOURCE_DIR}/" + recipe.LinkFlags[++i]); continue; }
            flags.Add(recipe.LinkFlags[i]);
        }
        return flags;
    }

    private static void RequireMatchingPlant(ControllerPreset preset, ControlModelFolder config, string file)
    {
        var s = preset.Settings;
        if (preset.Plant != config.Plant || s.P != config.Inputs.Count || s.M != config.OutputNames.Count || s.Delay != config.Delay
            || s.InputLags != config.InputLags || s.OutputLags != config.OutputLags)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the controller settings are for plant '{preset.Plant}' (p {s.P}, m {s.M}, delay {s.Delay}, lags {s.InputLags}/{s.OutputLags}), " +
                $"the model for '{config.Plant}' (p {config.Inputs.Count}, m {config.OutputNames.Count}, delay {config.Delay}, lags {config.InputLags}/{config.OutputLags})",
                file: file, hint: "pass the controller.json written for this model (or leave out --settings to use its preset)");
    }

    /// <summary>Replaces the output's generated entries with the staged ones (other files in the folder stay).</summary>
    internal static void MoveInto(string staging, string output)
    {
        Directory.CreateDirectory(output);
        foreach (var dir in Directory.GetDirectories(staging))
        {
            var target = Path.Combine(output, Path.GetFileName(dir));
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(dir, target);
        }
        foreach (var file in Directory.GetFiles(staging))
            File.Move(file, Path.Combine(output, Path.GetFileName(file)), overwrite: true);
    }
}
