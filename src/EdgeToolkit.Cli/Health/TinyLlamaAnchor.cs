namespace EdgeToolkit.Cli.Health;

/// <summary>
/// The seed paper's best on-phone model (mobile health event prediction with small language models on PMData):
/// TinyLlama-1.1B at 4 bits, measured on a phone. Quoted, not measured here (../shared/notes/anchors.md).
/// </summary>
public static class TinyLlamaAnchor
{
    public const double MemoryBytes = 4.31e9;
    public const double SecondsPerPrediction = 0.48;
    public const string Source = "TinyLlama-1.1B (4-bit) on a phone, as reported by the mobile health event prediction paper (PMData): 4.31 GB of memory, 0.48 s per prediction";
}
