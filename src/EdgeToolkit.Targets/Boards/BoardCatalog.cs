using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Boards;

/// <summary>The boards of a hardware/ folder, by name, and the default board per MCU target.</summary>
public sealed class BoardCatalog
{
    /// <summary>Default board per target (cli-conventions.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultBoards = new Dictionary<string, string>
    {
        ["cortex-m0"] = "microbit",
        ["cortex-m3"] = "mps2-an385",
        ["cortex-m4"] = "mps2-an386",
        ["cortex-m7"] = "mps2-an500",
        ["cortex-m33"] = "mps2-an505",
    };

    private readonly Dictionary<string, BoardDefinition> _boards;

    private BoardCatalog(Dictionary<string, BoardDefinition> boards) => _boards = boards;

    public IReadOnlyCollection<BoardDefinition> All => _boards.Values;

    public static BoardCatalog Load(string hardwareDir)
    {
        if (!Directory.Exists(hardwareDir))
            throw new EdgeToolkitException(ErrorKind.BadInput, "hardware folder not found", file: hardwareDir);
        var boards = Directory.GetFiles(hardwareDir, "*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(BoardFile.Read).ToDictionary(b => b.Name);
        return new BoardCatalog(boards);
    }

    /// <summary>The catalog of the repository's hardware/ folder (see RepoPaths).</summary>
    public static BoardCatalog FromRepository() => Load(RepoPaths.Hardware);

    /// <summary>Whether a target runs on a bare-metal board (QEMU system emulation).</summary>
    public static bool IsMcuTarget(string target) => DefaultBoards.ContainsKey(target);

    public BoardDefinition Get(string name) =>
        _boards.TryGetValue(name, out var b) ? b
            : throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown board '{name}'",
                hint: $"boards: {string.Join(", ", _boards.Keys.Order())}");

    /// <summary>The default board for an MCU target; null for host and aarch64.</summary>
    public BoardDefinition? Default(string target) =>
        DefaultBoards.TryGetValue(target, out var name) ? Get(name)
            : target is "host" or "aarch64" ? null
            : throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown target '{target}'",
                hint: "targets: host, aarch64, cortex-m0, cortex-m3, cortex-m4, cortex-m7, cortex-m33");

    /// <summary>The board to use: the named one (which must carry the target's core), else the target's default.</summary>
    public BoardDefinition? Resolve(string target, string? boardName)
    {
        if (boardName == null) return Default(target);
        var board = Get(boardName);
        if (board.Core != target)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"board '{board.Name}' has a {board.Core}, not a {target}",
                hint: $"use --target {board.Core} with --board {board.Name}");
        return board;
    }
}
