namespace EdgeToolkit.Pruning.Schedules;

public enum PruneMethod
{
    /// <summary>Adapt-Pruner: per-layer keep ratios from layer importance, a few percent at a time, fine-tuning in between.</summary>
    Adaptive,
    /// <summary>The same keep ratio in every layer, channels ranked by the L1 norm of their filters, one shot, then fine-tuning.</summary>
    L1,
    /// <summary>The same keep ratio in every layer, channels ranked by first-order Taylor importance on data, one shot, then fine-tuning.</summary>
    Taylor,
}

/// <param name="Keep">Fraction of the parameters kept (0..1].</param>
/// <param name="RoundTo">Kept widths are multiples of this many channels (kernels like multiples of 4).</param>
/// <param name="FineTuneSteps">Total fine-tuning steps; the adaptive schedule spends StepShareDuring of them between pruning steps.</param>
/// <param name="StepFraction">Share of the original parameters removed per adaptive step (Adapt-Pruner removes about 5%).</param>
/// <param name="Amplitude">How far per-layer removal may deviate from the step's mean: removal_g = f (1 - A * importance_g), importance in [-1, 1].</param>
/// <param name="MinKeep">No group keeps fewer than this share of its original units.</param>
/// <param name="TimeWeight">What a cut's saving counts: its share of the parameters plus TimeWeight times its share of the
/// estimated instructions (WorkEstimate). 0: parameters only, as the budget; 1: an MCU's time counts as much as its flash.</param>
/// <param name="ImportanceMemory">Layer importance is smoothed over steps (this share of the previous steps' estimate kept), so
/// one noisy measurement does not swing the allocation the schedule is heading for.</param>
public sealed record PruneOptions(double Keep, PruneMethod Method = PruneMethod.Adaptive, int RoundTo = 4, int FineTuneSteps = 0,
    double StepFraction = 0.05, double Amplitude = 0.5, double MinKeep = 0.1, double StepShareDuring = 0.6, double ProbeFraction = 0.25,
    double TimeWeight = 0.5, double ImportanceMemory = 0.5);
