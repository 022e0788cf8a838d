using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Profiling;

/// <summary>
/// Whether the model fits one board: its flash share against the board's flash, and its static RAM
/// plus stack high-water mark against the board's RAM. Margins are board minus need (negative: it
/// misses by that much). Basis says which target's measurement it rests on.
/// </summary>
public sealed record BoardFit(string Board, string Core, long BoardFlashBytes, long BoardRamBytes, long FlashBytes, long RamBytes,
    string Basis, bool Measured)
{
    public long FlashMarginBytes => BoardFlashBytes - FlashBytes;
    public long RamMarginBytes => BoardRamBytes - RamBytes;
    public bool Fits => FlashMarginBytes >= 0 && RamMarginBytes >= 0;

    /// <summary>
    /// One entry per board. A board whose core was profiled uses that target's figures; another board
    /// uses a profiled target with the same floating-point class (soft-float code is much larger), else any.
    /// </summary>
    public static IReadOnlyList<BoardFit> For(IEnumerable<BoardDefinition> boards, IReadOnlyList<TargetProfile> profiles)
    {
        var mcu = profiles.Where(p => p.Board != null && p.FlashBytes != null && p.RamBytes != null).ToList();
        var fits = new List<BoardFit>();
        if (mcu.Count == 0) return fits;
        foreach (var b in boards.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var same = mcu.FirstOrDefault(p => p.Board == b.Name) ?? mcu.FirstOrDefault(p => p.Target == b.Core);
            var basis = same ?? mcu.FirstOrDefault(p => IsSoftFloat(p.Target) == !b.HasFpu) ?? mcu[0];
            long ram = basis.RamBytes!.Value + (basis.StackBytes ?? 0);
            fits.Add(new BoardFit(b.Name, b.Core, b.Flash.Bytes, b.Ram.Bytes, basis.FlashBytes!.Value, ram,
                same != null ? $"measured on {basis.Label}" : $"estimated from {basis.Label} (its core was not profiled)", same != null));
        }
        return fits;
    }

    private static bool IsSoftFloat(string target) => target == "cortex-m0" || target == "cortex-m3";
}
