using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>Ultimate gain and period of one loop (Astrom-Hagglund relay experiment), and where it was measured.</summary>
public sealed record RelayResult(int Loop, double UltimateGain, double UltimatePeriod, double Amplitude, double Setpoint, int Cycles);

/// <summary>
/// Astrom-Hagglund relay feedback on one PID loop: the plant settles at the operating command,
/// then the loop's commands switch between operating +- h * mix (a relay with hysteresis of
/// three sensor-noise standard deviations around the settled output). The limit cycle's
/// amplitude a and period give Ku = 4 h / (pi sqrt(a^2 - eps^2)) and Pu.
/// </summary>
public static class RelayExperiment
{
    public static RelayResult Run(IPlant plant, ControllerSettings s, int loop, IReadOnlyList<float> operatingCommand, double relayAmplitude,
        int noiseSeed = 1, double settleSeconds = 3, double relaySeconds = 8)
    {
        var spec = plant.Spec;
        int o = s.PidOutput[loop];
        int settle = (int)Math.Round(settleSeconds / spec.Period), relay = (int)Math.Round(relaySeconds / spec.Period);
        plant.Reset(noiseSeed);
        var u = new double[s.P];
        for (int i = 0; i < s.P; i++) u[i] = Math.Clamp(operatingCommand[i], s.Lo[i], s.Hi[i]);
        double setpoint = 0;
        int averaged = Math.Max(1, settle / 4);
        for (int k = 0; k < settle; k++)
        {
            var y = plant.Step(u);
            if (k >= settle - averaged) setpoint += y[o] / averaged;
        }
        double hysteresis = 3 * spec.Outputs[o].NoiseStd;
        var output = new double[relay];
        int sign = 1;
        for (int k = 0; k < relay; k++)
        {
            double e = setpoint - plant.Measured[o];
            if (e > hysteresis) sign = 1;
            else if (e < -hysteresis) sign = -1;
            for (int i = 0; i < s.P; i++) u[i] = Math.Clamp(operatingCommand[i] + sign * relayAmplitude * s.Mix[loop * s.P + i], s.Lo[i], s.Hi[i]);
            output[k] = plant.Step(u)[o];
        }
        // Upward crossings of the setpoint in the second half (the first half lets the cycle form).
        var crossings = new List<int>();
        for (int k = relay / 2 + 1; k < relay; k++)
            if (output[k - 1] < setpoint && output[k] >= setpoint) crossings.Add(k);
        if (crossings.Count < 3)
            throw new InvalidOperationException($"relay on loop {loop} ({spec.Outputs[o].Name}) gave no limit cycle; try a larger amplitude or a longer run");
        int first = crossings[0], last = crossings[^1];
        double period = (last - first) * spec.Period / (crossings.Count - 1);
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (int k = first; k < last; k++) { max = Math.Max(max, output[k]); min = Math.Min(min, output[k]); }
        double a = (max - min) / 2;
        double ku = 4 * relayAmplitude / (Math.PI * Math.Sqrt(Math.Max(a * a - hysteresis * hysteresis, 1e-12 * a * a)));
        return new RelayResult(loop, ku, period, a, setpoint, crossings.Count - 1);
    }

    /// <summary>Tyreus-Luyben PID from Ku, Pu: kp = Ku/2.2, Ti = 2.2 Pu, Td = Pu/6.3; derivative filter tf = Td/10.</summary>
    public static (float Kp, float Ki, float Kd, float Tf) TyreusLuyben(RelayResult r)
    {
        double kp = r.UltimateGain / 2.2, ti = 2.2 * r.UltimatePeriod, td = r.UltimatePeriod / 6.3;
        return ((float)kp, (float)(kp / ti), (float)(kp * td), (float)(td / 10));
    }
}
