using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Quantization.Report;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <param name="Used">The drop as the budget counts it (relative for lower-is-better metrics).</param>
public sealed record MetricSummary(string Dataset, string Name, bool HigherIsBetter, double Float, double Int8, double Drop,
    double Used, bool Relative, double? MaxDrop, int Samples);

/// <summary>What `edgetk quantize` did, for the JSON object, the tables and the model card.</summary>
public sealed record QuantizeSummary
{
    public required bool Ok { get; init; }
    public required string Model { get; init; }
    public required string Output { get; init; }
    public required string Method { get; init; }
    public required bool PerChannel { get; init; }
    /// <summary>"int8" (asymmetric) or "int16" (symmetric, 16x8); null for dynamic quantization.</summary>
    public string? Activations { get; init; }
    public string? CalibrationSource { get; init; }
    public int? CalibrationSamples { get; init; }
    public MetricSummary? Metric { get; init; }
    public IReadOnlyList<string> Excluded { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> QuantizedNodes { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> FloatNodes { get; init; } = Array.Empty<string>();
    public long WeightBytesFloat { get; init; }
    public long WeightBytesInt8 { get; init; }
    public IReadOnlyList<LayerError> Layers { get; init; } = Array.Empty<LayerError>();
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
    public JsonObject? Extra { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["ok"] = Ok, ["model"] = Model, ["output"] = Output, ["method"] = Method, ["per_channel"] = PerChannel, ["activations"] = Activations,
            ["calibration"] = CalibrationSource == null ? null : new JsonObject { ["source"] = CalibrationSource, ["samples"] = CalibrationSamples },
            ["accuracy_checked"] = Metric != null,
            ["metric"] = Metric == null ? null : new JsonObject
            {
                ["dataset"] = Metric.Dataset, ["name"] = Metric.Name, ["higher_is_better"] = Metric.HigherIsBetter, ["float"] = Metric.Float,
                ["int8"] = Metric.Int8, ["drop"] = Metric.Drop, ["relative_drop"] = Metric.Relative ? Metric.Used : null,
                ["max_drop"] = Metric.MaxDrop, ["budget"] = Metric.MaxDrop == null ? null : Metric.Relative ? "relative" : "absolute",
                ["samples"] = Metric.Samples, ["runtime"] = "ort",
            },
            ["excluded"] = Strings(Excluded),
            ["quantized_nodes"] = Strings(QuantizedNodes),
            ["float_nodes"] = Strings(FloatNodes),
            ["weight_bytes_float"] = WeightBytesFloat,
            ["weight_bytes_int8"] = WeightBytesInt8,
            ["layers"] = new JsonArray(Layers.Select(l => (JsonNode)new JsonObject
            {
                ["tensor"] = l.Tensor, ["node"] = l.Node, ["op"] = l.Op,
                ["sqnr_db"] = l.SqnrDb is double d && double.IsFinite(d) ? Math.Round(d, 2) : null,
                ["max_abs_error"] = l.MaxAbsError, ["scale"] = l.Scale, ["zero_point"] = l.ZeroPoint,
            }).ToArray()),
            ["notes"] = Strings(Notes),
        };
        if (Extra != null) foreach (var (k, v) in Extra) o[k] = v?.DeepClone();
        return o;
    }

    private static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)x).ToArray());

    /// <summary>Tables for people: the summary, then the layers worst first (the first `maxLayers`).</summary>
    public void Print(Reporter reporter, int maxLayers = 25)
    {
        var t = new Table().Title(Markup.Escape($"{Model} -> {Output} ({Method}, {Precision})")).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        if (CalibrationSource != null) t.AddRow("calibration", Markup.Escape($"{CalibrationSamples} samples from {CalibrationSource}"));
        t.AddRow("weights", PerChannel ? "int8, per output channel" : "int8, per tensor");
        if (Activations != null) t.AddRow("activations", Activations == "int16" ? "int16, symmetric per tensor (16x8)" : "int8, asymmetric per tensor");
        t.AddRow("quantized nodes", $"{QuantizedNodes.Count} of {QuantizedNodes.Count + FloatNodes.Count}");
        if (FloatNodes.Count > 0) t.AddRow("float nodes", Markup.Escape(Shorten(FloatNodes)));
        if (Excluded.Count > 0) t.AddRow("excluded", Markup.Escape(string.Join(", ", Excluded)));
        t.AddRow("constant bytes", $"{Format.Bytes(WeightBytesFloat)} -> {Format.Bytes(WeightBytesInt8)}");
        if (Metric is { } m)
        {
            t.AddRow(Markup.Escape($"{m.Name} float (ort)"), G(m.Float));
            t.AddRow(Markup.Escape($"{m.Name} {Precision} (ort)"), G(m.Int8));
            t.AddRow("drop", Markup.Escape(G(m.Drop) + (m.Relative ? FormattableString.Invariant($" ({m.Used * 100:0.##}% relative)") : "")
                + (m.MaxDrop is double b ? $", budget {G(b)}{(m.Relative ? " relative" : "")}" : "")));
            t.AddRow("held-out samples", m.Samples.ToString("N0", CultureInfo.InvariantCulture));
        }
        else t.AddRow("accuracy", "not checked");
        reporter.Table(t);

        if (Layers.Count > 0)
        {
            var l = new Table().Title("per-tensor error against float, worst first").AddColumn("tensor").AddColumn("node").AddColumn("op")
                .AddColumn(new TableColumn("SQNR dB").RightAligned()).AddColumn(new TableColumn("max |error|").RightAligned())
                .AddColumn(new TableColumn("scale").RightAligned()).AddColumn(new TableColumn("zero point").RightAligned());
            foreach (var e in Layers.Take(maxLayers))
                l.AddRow(Markup.Escape(e.Tensor), Markup.Escape(e.Node ?? "-"), Markup.Escape(e.Op),
                    e.SqnrDb is double d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "exact", G(e.MaxAbsError), G(e.Scale), e.ZeroPoint.ToString(CultureInfo.InvariantCulture));
            reporter.Table(l);
            if (Layers.Count > maxLayers) reporter.Line($"({Layers.Count - maxLayers} more tensors in --json)");
        }
        foreach (var n in Notes) reporter.Line(Markup.Escape("note: " + n));
        reporter.Line(Markup.Escape($"wrote {Output}"));
        if (!Ok) reporter.Line($"[red]the {Precision} model misses the accuracy budget[/]");
    }

    /// <summary>A "## Quantization" section for card.md.</summary>
    public string CardSection(string command)
    {
        var s = new System.Text.StringBuilder();
        s.AppendLine($"## Quantization ({Precision}, {Method})\n");
        s.AppendLine($"Written by:\n\n```\n{command}\n```\n");
        s.AppendLine(Method == "dynamic"
            ? "Weights int8; activations quantized at run time (dynamic)."
            : $"Weights int8 symmetric {(PerChannel ? "per output channel" : "per tensor")}, activations " +
              (Activations == "int16" ? "int16 symmetric per tensor (TFLite's 16x8; QDQ ONNX, opset 21)" : "int8 asymmetric per tensor (QDQ ONNX)") +
              $"; calibrated on {CalibrationSamples} samples from {CalibrationSource}.");
        s.AppendLine();
        s.AppendLine("| figure | value |\n|---|---:|");
        s.AppendLine($"| quantized nodes | {QuantizedNodes.Count} of {QuantizedNodes.Count + FloatNodes.Count} |");
        if (Excluded.Count > 0) s.AppendLine($"| kept float (excluded) | {string.Join(", ", Excluded)} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| constant bytes float -> {Precision} | {WeightBytesFloat:N0} -> {WeightBytesInt8:N0} |");
        if (Metric is { } m)
        {
            s.AppendLine($"| {m.Name} float, ONNX Runtime | {G(m.Float)} |");
            s.AppendLine($"| {m.Name} {Precision}, ONNX Runtime | {G(m.Int8)} |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| held-out samples ({m.Dataset}) | {m.Samples:N0} |");
        }
        s.AppendLine();
        if (Metric == null) s.AppendLine("Accuracy after quantization was not checked.\n");
        foreach (var n in Notes) s.AppendLine($"- {n}");
        return s.ToString();
    }

    /// <summary>How the model is quantized, for titles and labels: int8, or int16x8 (int16 activations, int8 weights).</summary>
    private string Precision => Activations == "int16" ? "int16x8" : "int8";

    private static string Shorten(IReadOnlyList<string> names) => names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $", ... ({names.Count})";
    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
