using System.Text.Json.Nodes;

namespace EdgeToolkit.Cli.Pruning;

/// <summary>
/// Fine-tuning steps when --finetune-steps is not given, by the zoo task that trained the model
/// (config.json "task"); measured at keep 0.5 (docs/pruning.md).
/// </summary>
public static class FineTuneDefaults
{
    public const int Other = 1000;

    public static int For(JsonObject? config) => config?["task"]?.GetValue<string>() switch
    {
        // A control forward model relearns a precise map, under a millisecond a step: msd after 8,000 steps ended at
        // 0.093-0.099% nrmse over three seeds, after 16,000 at 0.083-0.085% (unpruned 0.093%).
        "control" => 16000,
        // The exported health graph has no dropout: longer fine-tuning overfits its 4,809 training windows
        // (2,000 steps cost about a point of macro-F1).
        "health" => 1000,
        // Fashion-MNIST: 2,000 steps (about two epochs) left the pruned CNN 1.4-2 points short, 4,000 within half a point.
        "vision" => 4000,
        "reasoning" => 2000,
        _ => Other,
    };
}
