using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>A model taken through the passes and the C generator for one target.</summary>
public sealed record Compilation(ModelSource Source, ModelGraph Graph, GeneratedModel Code, IReadOnlyList<string> PassLog,
    string Target, BoardDefinition? Board, bool FastMath = false);

/// <summary>ModelSource -> passes -> C for a target: the path every compiling command shares.</summary>
public static class Compiler
{
    public static Compilation Compile(ModelSource source, ModelOptions options, Reporter? reporter = null)
    {
        if (!TargetProfile.AllTargets.Contains(options.Target))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown target '{options.Target}'",
                hint: $"choose one of: {string.Join(", ", TargetProfile.AllTargets)}");
        var board = BoardCatalog.IsMcuTarget(options.Target) ? BoardCatalog.FromRepository().Resolve(options.Target, options.Board) : null;
        if (board == null && options.Board != null)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"target '{options.Target}' runs on no board, but --board {options.Board} was given",
                hint: "drop --board, or choose a Cortex-M target");

        reporter?.Progress($"optimizing {source.Display} ({source.Graph.Nodes.Count} nodes)");
        var (graph, log) = GraphOptimizer.Optimize(source.Graph, options);
        foreach (var line in log) reporter?.Progress("  " + line);

        var name = options.Name ?? DefaultName(source);
        reporter?.Progress($"generating C for {options.Target} ({graph.Nodes.Count} kernels after fusion)");
        var code = CCodeGenerator.Generate(graph, new CodeGenOptions
        {
            Name = name, Target = TargetProfile.ForTarget(options.Target, options.FastMath), WeightsBlob = options.WeightsBlob ? true : null,
            EmitJacobian = options.Jacobian,
        });
        return new Compilation(source, graph, code, log, options.Target, board, options.FastMath);
    }

    /// <summary>The symbol prefix: from the file or folder name, else the graph's name.</summary>
    public static string DefaultName(ModelSource source)
    {
        var stem = source.Display.StartsWith("builtin:") ? source.Display["builtin:".Length..]
            : Directory.Exists(source.Display) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(source.Display))
            : Path.GetFileNameWithoutExtension(source.Display);
        if (string.IsNullOrEmpty(stem) || stem == "model") stem = source.Graph.Name;
        return CNames.Identifier(stem.ToLowerInvariant());
    }
}
