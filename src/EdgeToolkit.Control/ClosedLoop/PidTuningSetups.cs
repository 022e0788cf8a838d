namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// How the stored PID gains of the zoo plants were tuned (PidTuner with these options on
/// StandardReferences.All(plant), noise seed 1): tendon's two loops and hasel's roll and pitch
/// loops are symmetric and share gains; the relay runs around a mid-range operating command
/// (the tendon's slack and the HASEL's quadratic drive have no gain at rest).
/// </summary>
public static class PidTuningSetups
{
    public static PidTuningOptions For(string plant, int maxEvaluations = 2000) => plant switch
    {
        "msd" => new PidTuningOptions { MaxEvaluations = maxEvaluations, RelayAmplitude = 2.0 },
        "tendon" => new PidTuningOptions { MaxEvaluations = maxEvaluations, LoopGroups = [0, 0], OperatingCommand = [0.4f, 0.4f], RelayAmplitude = 0.2 },
        "hasel" => new PidTuningOptions { MaxEvaluations = maxEvaluations, LoopGroups = [0, 1, 1], OperatingCommand = [4f, 4f, 4f, 4f, 4f, 4f], RelayAmplitude = 0.8 },
        _ => throw new ArgumentException($"no PID tuning setup for plant '{plant}' (have: msd, tendon, hasel)", nameof(plant)),
    };
}
