namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The stored tuning of the three zoo plants. Newton: chosen on the standard references with and
/// without the standard faults (noise seeds 1-5 for tendon and hasel); msd within the Cortex-M4 budget
/// (2 forward+Jacobian evaluations per period), tendon and hasel need longer horizons
/// (ClosedLoop/README.md has the figures and why). PID: found by PidTuner with PidTuningSetups (relay experiment, Tyreus-Luyben start,
/// multi-start Nelder-Mead on the same references); re-run it to refresh.
/// </summary>
public static class PlantTunings
{
    public static PlantTuning For(string plant) => plant switch
    {
        "msd" => Msd,
        "tendon" => Tendon,
        "hasel" => Hasel,
        _ => throw new ArgumentException($"no stored tuning for plant '{plant}' (have: msd, tendon, hasel)", nameof(plant)),
    };

    // Position tracked; velocity gets the position reference's derivative with a small weight (damping).
    private static readonly PlantTuning Msd = new()
    {
        Horizon = 2, MaxIterations = 1,
        OutputWeights = [1000f, 30f], Lambda = [1e-4f], DisturbanceGain = 0.3f, Barrier = 1e-8f,
        PidOutput = [0], Kp = [402.6081f], Ki = [282.48303f], Kd = [14.144076f], Tf = [5.712541E-07f],
        U0 = [0f], Mix = [1f],
    };

    // Tip x and y tracked (one tendon bends each plane), tension free. The tip answers a command
    // only after the delay, the motor lag and the slack: shorter horizons than 14 see no
    // sensitivity from rest and stay there.
    private static readonly PlantTuning Tendon = new()
    {
        Horizon = 15, MaxIterations = 1,
        OutputWeights = [1f, 1f, 0f], Lambda = [1f, 1f], DisturbanceGain = 0.1f, Barrier = 1e-3f,
        PidOutput = [0, 1], Kp = [0.011964978f, 0.011964978f], Ki = [0.4273115f, 0.4273115f], Kd = [0.0016166699f, 0.0016166699f], Tf = [3.5179986E-05f, 3.5179986E-05f],
        U0 = [0f, 0f], Mix = [1f, 0f, 0f, 1f],
    };

    // Height, roll and pitch tracked; six actuators: the move suppression decides how they share.
    private static readonly PlantTuning Hasel = new()
    {
        Horizon = 6, MaxIterations = 1,
        OutputWeights = [10f, 10f, 10f], Lambda = [0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f], DisturbanceGain = 0.03f, Barrier = 1e-4f,
        PidOutput = [0, 1, 2], Kp = [3.9703794f, 3.5410874f, 3.5410874f], Ki = [134.08743f, 35.29299f, 35.29299f], Kd = [0.13165788f, 0.028433768f, 0.028433768f], Tf = [0.006544196f, 0.0031847698f, 0.0031847698f],
        U0 = [4f, 4f, 4f, 4f, 4f, 4f],
        Mix = HaselMix(),
    };

    /// <summary>Height moves all six actuators alike; roll and pitch follow each actuator's lever (sin, -cos of its angle).</summary>
    private static float[] HaselMix()
    {
        var mix = new float[3 * 6];
        for (int i = 0; i < 6; i++)
        {
            double a = 2 * Math.PI * i / 6;
            mix[i] = 1f;
            mix[6 + i] = (float)Math.Round(Math.Sin(a), 6);
            mix[12 + i] = (float)Math.Round(-Math.Cos(a), 6);
        }
        return mix;
    }
}
