using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Tuning;

/// <summary>
/// The fine-tuning learning rate per step (1-based): linear warm-up over the first 5% of the steps
/// (Adam's first moments are still empty: full-rate steps on them would jolt a trained model),
/// then cosine decay from the peak to 5% of it at the last step.
/// </summary>
public sealed class FineTuneSchedule
{
    private const double WarmupShare = 0.05, FinalShare = 0.05;
    private readonly int _steps, _warmup;

    public double Peak { get; }

    public FineTuneSchedule(double peak, int steps)
    {
        if (!(peak > 0) || !double.IsFinite(peak))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"fine-tuning learning rate {peak}: it must be a positive number");
        Peak = peak;
        _steps = steps;
        _warmup = Math.Max(1, (int)Math.Round(WarmupShare * steps));
    }

    public double At(int step)
    {
        if (step <= _warmup) return Peak * step / _warmup;
        double progress = (double)(step - _warmup) / Math.Max(1, _steps - _warmup);
        double floor = Peak * FinalShare;
        return floor + (Peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
