using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;

namespace EdgeToolkit.Quantization.Search;

/// <param name="Excluded">Nodes the search put back to float, in the order it did.</param>
/// <param name="Sensitivity">The one-node-at-a-time ranking it followed (empty when no node had to go).</param>
public sealed record SearchOutcome(QdqModel Model, MetricValue Float, MetricValue Int8, IReadOnlyList<string> Excluded,
    bool WithinBudget, IReadOnlyList<NodeSensitivityResult> Sensitivity);

/// <summary>
/// Measures the float and the int8 model on the data set and, while the int8 metric is further
/// below float than the budget allows, puts the most sensitive remaining quantized node back to
/// float and measures again. Nodes are ranked once, by NodeSensitivity (the output SQNR with that
/// node alone in int8), since one metric run per candidate and round would cost far more.
/// </summary>
public static class AccuracyBudgetSearch
{
    public static SearchOutcome Run(StaticQuantizer quantizer, byte[] floatOnnx, ModelGraph floatModel, IReadOnlySet<string> userExclude,
        IAccuracyCheck check, AccuracyBudget? budget, Action<string> progress)
    {
        progress($"measuring {check.Metric} of the float model");
        var floatValue = check.Measure(floatModel, floatOnnx);
        var exclude = new HashSet<string>(userExclude);
        var model = quantizer.Build(exclude);
        var int8 = Measure(check, model, progress, "int8 model");
        progress(Line(check, floatValue, int8, budget));
        if (budget == null || budget.Within(floatValue.Value, int8.Value))
            return new SearchOutcome(model, floatValue, int8, Array.Empty<string>(), true, Array.Empty<NodeSensitivityResult>());

        progress($"over budget ({budget.Describe()}): ranking quantized nodes one at a time on {quantizer.Options.ReportSamples} samples");
        var ranking = NodeSensitivity.Rank(quantizer, userExclude, quantizer.ReportInputs(), progress);
        var excluded = new List<string>();
        foreach (var node in ranking)
        {
            exclude.Add(node.Node);
            excluded.Add(node.Node);
            model = quantizer.Build(exclude);
            int8 = Measure(check, model, progress, $"int8 model without {node.Node}");
            progress($"excluded {node.Node} ({node.Op}, {NodeSensitivity.Describe(node.SqnrDb)}): {Line(check, floatValue, int8, budget)}");
            if (budget.Within(floatValue.Value, int8.Value)) return new SearchOutcome(model, floatValue, int8, excluded, true, ranking);
        }
        return new SearchOutcome(model, floatValue, int8, excluded, budget.Within(floatValue.Value, int8.Value), ranking);
    }

    private static MetricValue Measure(IAccuracyCheck check, QdqModel model, Action<string> progress, string what)
    {
        progress($"measuring {check.Metric} of the {what} in ONNX Runtime");
        return check.Measure(model.Graph, OnnxExporter.ToBytes(model.Graph));
    }

    private static string Line(IAccuracyCheck check, MetricValue f, MetricValue q, AccuracyBudget? budget) =>
        FormattableString.Invariant($"{check.Metric}: float {f.Value:G4}, int8 {q.Value:G4}") +
        (budget == null ? "" : FormattableString.Invariant($", drop {budget.Used(f.Value, q.Value):G3}{(budget.Relative ? " (relative)" : "")} of {budget.MaxDrop:G3}"));
}
