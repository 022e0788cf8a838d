using System.Globalization;
using System.Text;

namespace EdgeToolkit.Training.Zoo;

/// <summary>
/// The card.md of a zoo model: what it was trained on, its architecture and size, the metrics
/// on held-out data, how long training took here, and the exact command that retrains it.
/// `edgetk evaluate` reads the first line under "Evaluation" (`dataset: NAME`) to know the data
/// set and metric of a model folder.
/// </summary>
public sealed class ModelCard
{
    public required string Title { get; init; }
    /// <summary>One paragraph: what the model does and for whom.</summary>
    public required string Summary { get; init; }
    /// <summary>The built-in evaluation data set (arithmetic-add, health, control-msd...).</summary>
    public required string Dataset { get; init; }
    public required string Metric { get; init; }
    /// <summary>Data: how it was generated or read, splits, sizes.</summary>
    public required string Data { get; init; }
    /// <summary>Architecture: layers, shapes, inputs and outputs.</summary>
    public required string Architecture { get; init; }
    public List<(string Name, string Value, string HowMeasured)> Metrics { get; } = new();
    /// <summary>Further sections (heading, markdown).</summary>
    public List<(string Heading, string Body)> Sections { get; } = new();
    public TimeSpan TrainingTime { get; set; }
    public string RetrainCommand { get; set; } = "";

    public void AddMetric(string name, double value, string howMeasured, string format = "G4") =>
        Metrics.Add((name, value.ToString(format, CultureInfo.InvariantCulture), howMeasured));

    public string ToMarkdown(ModelSize size)
    {
        var s = new StringBuilder();
        s.AppendLine($"# {Title}\n");
        s.AppendLine(Summary.Trim() + "\n");
        s.AppendLine("## Evaluation\n");
        s.AppendLine($"dataset: {Dataset}  ");
        s.AppendLine($"metric: {Metric}\n");
        s.AppendLine("| metric | value | how it was measured |\n|---|---:|---|");
        foreach (var (n, v, h) in Metrics) s.AppendLine($"| {n} | {v} | {h} |");
        s.AppendLine();
        s.AppendLine("## Size\n");
        s.AppendLine("| figure | value |\n|---|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| parameters | {size.Parameters:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| float32 weight bytes | {size.WeightBytes:N0} |");
        if (size.Macs is long macs) s.AppendLine(CultureInfo.InvariantCulture, $"| MACs per inference | {macs:N0} |");
        if (size.ArenaBytes is long arena) s.AppendLine(CultureInfo.InvariantCulture, $"| activation arena (generated C) | {arena:N0} B |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| ONNX file | {size.OnnxBytes:N0} B |\n");
        s.AppendLine("## Architecture\n");
        s.AppendLine(Architecture.Trim() + "\n");
        s.AppendLine("## Data\n");
        s.AppendLine(Data.Trim() + "\n");
        foreach (var (h, b) in Sections) s.AppendLine($"## {h}\n\n{b.Trim()}\n");
        s.AppendLine("## Training\n");
        s.AppendLine(CultureInfo.InvariantCulture, $"Trained in {TrainingTime.TotalSeconds:F0} s on this machine ({Environment.ProcessorCount} cores, libtorch on one thread, TorchSharp). Retrain with:\n");
        s.AppendLine($"```\n{RetrainCommand}\n```");
        return s.ToString();
    }

    /// <summary>Reads `dataset:` from a card (null when the card names none).</summary>
    public static string? ReadDataset(string cardPath)
    {
        foreach (var line in File.ReadLines(cardPath))
            if (line.StartsWith("dataset:", StringComparison.Ordinal)) return line["dataset:".Length..].Trim();
        return null;
    }
}

/// <param name="Macs">From the generated C (null when it cannot be compiled yet).</param>
public sealed record ModelSize(long Parameters, long WeightBytes, long? Macs, long? ArenaBytes, long OnnxBytes);
