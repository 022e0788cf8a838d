using EdgeToolkit.CodeGen;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Health;

/// <summary>
/// `firmware build --app health`: the health model through the standard passes (int8 QDQ models
/// are lowered to integer kernels there) and the C generator, its window and heads as
/// health_settings.h/.c, the app (firmware/apps/health plus the control app's serial link), the
/// frame runtime and the board files in one folder with a CMakeLists.txt, and firmware.elf/.bin/.hex.
/// The folder is assembled beside the output and moved in only when the image built and fits.
/// </summary>
public static class HealthFirmwareBuilder
{
    public const string App = "health";

    /// <summary>The control app's files the health app reuses: the frame link over the UART and the 64-bit division.</summary>
    public static readonly IReadOnlyList<string> Borrowed = new[]
    {
        "control/control_link.c", "control/control_link.h", "control/control_u64.c", "control/control_u64.h",
    };

    public static readonly IReadOnlyList<string> Runtime = new[] { "etk_frame.c", "etk_frame.h" };

    public static HealthFirmwareResult Build(HealthFirmwareRequest r, Action<string>? progress = null, Toolchain? tools = null)
    {
        tools ??= Toolchain.Default;
        var board = r.Board;
        var (onnx, name) = ModelFile(r.ModelPath);
        progress?.Invoke($"compiling {onnx} to C for {board.Core}");
        var graph = OnnxImporter.Load(onnx);
        PassPipeline.Standard(new PipelineOptions()).Run(graph);
        var code = CCodeGenerator.Generate(graph, new CodeGenOptions { Name = name, Target = TargetProfile.ForTarget(board.Core) });
        var layout = HealthModelLayout.Of(code, r.WindowDays, onnx);

        var output = Path.GetFullPath(r.OutputDir);
        if (File.Exists(output)) throw new EdgeToolkitException(ErrorKind.BadInput, "output path is a file, not a folder", file: r.OutputDir);
        var staging = output.TrimEnd('/') + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var tree = FirmwareTree.Write(staging, board, code, App, new Dictionary<string, string>
            {
                [HealthSettingsWriter.Header] = HealthSettingsWriter.WriteHeader(layout, name, onnx),
                [HealthSettingsWriter.Source] = HealthSettingsWriter.WriteSource(layout, name, onnx),
            }, Borrowed, Runtime);
            var defines = FirmwareBuilder.BoardDefines(board).Prepend($"ETK_FRAME_MAX_PAYLOAD={layout.LargestPayload}u").ToList();

            progress?.Invoke($"building the health firmware for {board.Name}");
            var build = FirmwareBuilder.BuildImage(board, tree, staging, defines, tools, "the health firmware image");
            FirmwareBuilder.WriteBinaries(staging, tools);
            File.WriteAllText(Path.Combine(staging, "CMakeLists.txt"), CMakeProjectWriter.Write($"{name}_health_firmware", tree.AppSources,
                tree.BoardSupportSources, tree.IncludeDirs, defines, board.GccFlags, BuildRecipe.McuFlags, FirmwareBuilder.CMakeLinkFlags(build.Recipe)));

            progress?.Invoke("measuring the model's share of flash (the same image without it)");
            long modelFlash = build.Size.Flash - WithoutModel(board, tree, code, staging, defines, tools).Flash;

            var result = new HealthFirmwareResult(output, Path.Combine(output, "firmware.elf"), board, graph, name, build.Size.Flash, build.Size.Ram, modelFlash,
                layout.WindowDays, layout.Columns, layout.InputName, layout.OutputNames, layout.OutputSizes, build.CompileCommand.Replace(staging, output));
            HealthManifest.Save(staging, result, Path.GetFullPath(onnx), build.Size);
            FirmwareBuilder.MoveInto(staging, output);
            return result;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The ONNX file and the symbol prefix: a model folder's name, or the file's stem.</summary>
    private static (string Onnx, string Name) ModelFile(string path)
    {
        var onnx = Directory.Exists(path) ? Path.Combine(path, "model.onnx") : path;
        if (!File.Exists(onnx))
            throw new EdgeToolkitException(ErrorKind.BadInput, "model not found", file: onnx,
                hint: "give an .onnx file or a model folder holding model.onnx, e.g. models/health-events");
        var full = Path.GetFullPath(onnx);
        var stem = Path.GetFileNameWithoutExtension(full);
        if (stem == "model") stem = Path.GetFileName(Path.GetDirectoryName(full)) ?? stem;
        return (onnx, CNames.Identifier(stem.ToLowerInvariant()));
    }

    /// <summary>Links the app with the model's C left out (HEALTH_NO_MODEL) in a scratch folder, for its size.</summary>
    private static ElfSize WithoutModel(BoardDefinition board, FirmwareTree tree, GeneratedModel code, string staging, IReadOnlyList<string> defines, Toolchain tools)
    {
        var modelSources = code.Sources.Select(f => "src/" + f).ToHashSet();
        var scratch = Path.Combine(staging, ".without-model");
        try
        {
            var build = FirmwareBuilder.BuildImage(board, tree, staging, defines.Append("HEALTH_NO_MODEL=1").ToList(), tools, "the health firmware without its model",
                tree.AppSources.Where(s => !modelSources.Contains(s)).ToList(), scratch);
            return build.Size;
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }
}
