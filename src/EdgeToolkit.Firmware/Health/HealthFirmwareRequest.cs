using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Firmware.Health;

/// <summary>What to build: the health model, the board, where to, and the window length.</summary>
public sealed record HealthFirmwareRequest
{
    /// <summary>ONNX (float or int8 QDQ), or a model folder holding model.onnx; input [1, W*C+7], outputs the heads' logits.</summary>
    public required string ModelPath { get; init; }
    public required BoardDefinition Board { get; init; }
    public required string OutputDir { get; init; }
    /// <summary>W, the days in the window; C = (input - 7) / W.</summary>
    public int WindowDays { get; init; } = 7;
}

/// <summary>
/// A built health firmware. Compiled is the graph after the pass pipeline, what the C was generated
/// from (the host's reference for the board's outputs). ImageFlashBytes = text + data, RamBytes =
/// static .data + .bss; ModelFlashBytes is the image minus the same image built without the model.
/// </summary>
public sealed record HealthFirmwareResult(string OutputDir, string ElfPath, BoardDefinition Board, ModelGraph Compiled, string ModelName,
    long ImageFlashBytes, long RamBytes, long ModelFlashBytes, int WindowDays, int Columns, string InputName,
    IReadOnlyList<string> OutputNames, IReadOnlyList<int> OutputSizes, string BuildCommand)
{
    public int Heads => OutputSizes.Count;
    public int OutputElements => OutputSizes.Sum();
}
