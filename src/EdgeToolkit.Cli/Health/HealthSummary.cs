using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Health;

/// <summary>Everything the demo measured, and the checks the issue asks for, in one place for the table, the JSON and the HTML.</summary>
public sealed record HealthSummary(HealthDemoOptions Options, HealthSplitData Data, HealthModelSet Models, HealthAccuracy Accuracy,
    HealthCostFigures Costs, PhoneArtefacts Phone, HealthMonthResult Month, LinuxBoardResult? LinuxBoard, TimeSpan Elapsed)
{
    public TargetCost Wearable => Costs.Wearable;
    /// <summary>The wearable firmware's flash (the whole image: model, window, protocol, board support).</summary>
    public long ImageFlashBytes => Month.Firmware.ImageFlashBytes;
    /// <summary>Static RAM of the firmware plus its measured stack high-water mark.</summary>
    public long ImageRamBytes => Month.Firmware.RamBytes + (Month.Stream.StackBytes ?? 0);
    public long InstructionsPerPrediction => Month.InstructionsMax;

    public bool FlashWithinBudget => ImageFlashBytes <= HealthDemoOptions.FlashBudget;
    public bool RamWithinBudget => ImageRamBytes <= HealthDemoOptions.RamBudget;
    public bool InstructionsWithinBudget => InstructionsPerPrediction <= HealthDemoOptions.InstructionBudget;
    /// <summary>The MLP builds (float, pruned, the wearable's int8) pass on every target; the transformer is a comparison, its status reported beside.</summary>
    public bool TargetsOk => Costs.Targets.Where(t => t.Model.StartsWith("MLP", StringComparison.Ordinal)).All(t => t.Ok);
    public bool Ok => FlashWithinBudget && RamWithinBudget && InstructionsWithinBudget && Month.AllMatch && TargetsOk && (LinuxBoard?.Ok ?? true);

    /// <summary>Latency range on the watch's clock for the board's instruction count (1.2-2 cycles per instruction).</summary>
    public (double MinSeconds, double MaxSeconds) WatchLatency => Costs.Board.EstimateLatency(InstructionsPerPrediction);
    public (double MinJoules, double MaxJoules)? WatchEnergy => Costs.Board.EstimateEnergy(InstructionsPerPrediction);

    /// <summary>The board's predictions for the month against what the person reported, on the days they reported.</summary>
    public double[] MonthAccuracy => Enumerable.Range(0, HealthLabels.Tasks).Select(t =>
    {
        var reported = Month.Predictions.Where(p => p.Reported != null).ToList();
        return reported.Count == 0 ? double.NaN : reported.Count(p => p.Board[t] == p.Reported![t]) / (double)reported.Count;
    }).ToArray();
}
