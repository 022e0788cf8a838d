using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// Rejects settings the controller cannot run with (the C etk_nr_init's checks): sizes that do
/// not match the model, D = 0, arrays of the wrong length, empty limits, non-positive scales.
/// </summary>
public static class SettingsCheck
{
    public static void Validate(ControllerSettings s, IForwardModel? model = null, string? file = null)
    {
        var problems = new List<string>();
        void Need(bool ok, string problem) { if (!ok) problems.Add(problem); }
        void Length(float[] a, int n, string name) => Need(a.Length == n, $"{name} has {a.Length} values, expected {n}");

        Need(s.P >= 1 && s.M >= 1, $"p = {s.P} commands and m = {s.M} outputs: both must be at least 1");
        Need(s.Delay >= 1, $"input delay D = {s.Delay}: the controller needs D >= 1 (u(k) acts on y(k+1+D))");
        Need(s.InputLags >= 1 && s.OutputLags >= 1, "the window needs at least one command lag and one output lag");
        Need(s.Horizon >= 1, $"horizon {s.Horizon}: at least 1");
        Need(s.MaxIterations >= 1, $"max_iterations {s.MaxIterations}: at least 1");
        Need(s.Period > 0f, $"period {s.Period}: must be positive");
        Need(s.Tolerance >= 0f && s.Barrier >= 0f, "tolerance and barrier must not be negative");
        Need(s.DisturbanceGain >= 0f && s.DisturbanceGain <= 1f, $"disturbance_gain {s.DisturbanceGain}: must be in [0, 1]");
        foreach (var (a, name) in new[] { (s.Lo, "lo"), (s.Hi, "hi"), (s.Rate, "rate"), (s.UInitial, "u_initial"), (s.Lambda, "lambda"), (s.U0, "u0") })
            Length(a, s.P, name);
        foreach (var (a, name) in new[] { (s.Q, "q"), (s.YScale, "y_scale"), (s.YValidLo, "y_valid_lo"), (s.YValidHi, "y_valid_hi") })
            Length(a, s.M, name);
        foreach (var (a, name) in new[] { (s.Kp, "kp"), (s.Ki, "ki"), (s.Kd, "kd"), (s.Tf, "tf") })
            Length(a, s.PidLoops, name);
        Length(s.Mix, s.PidLoops * s.P, "mix");
        if (problems.Count == 0)
        {
            for (int i = 0; i < s.P; i++)
            {
                Need(s.Hi[i] > s.Lo[i], $"command {i}: hi {s.Hi[i]} must exceed lo {s.Lo[i]}");
                Need(s.Rate[i] > 0f, $"command {i}: rate {s.Rate[i]} must be positive");
                Need(s.Lambda[i] >= 0f, $"command {i}: lambda {s.Lambda[i]} must not be negative");
            }
            for (int o = 0; o < s.M; o++)
            {
                Need(s.YScale[o] > 0f, $"output {o}: y_scale {s.YScale[o]} must be positive");
                Need(s.Q[o] >= 0f, $"output {o}: q {s.Q[o]} must not be negative");
                Need(s.YValidHi[o] > s.YValidLo[o], $"output {o}: y_valid_hi must exceed y_valid_lo");
            }
            for (int l = 0; l < s.PidLoops; l++)
            {
                Need(s.PidOutput[l] >= 0 && s.PidOutput[l] < s.M, $"PID loop {l} tracks output {s.PidOutput[l]}, which does not exist");
                Need(s.Tf[l] >= 0f, $"PID loop {l}: tf must not be negative");
            }
        }
        if (model != null)
        {
            Need(model.Inputs == s.Features, $"the model takes {model.Inputs} inputs, the window has {s.Features} (p*Lu + m*Ly)");
            Need(model.Outputs == s.M, $"the model gives {model.Outputs} outputs, the settings have {s.M}");
        }
        if (problems.Count > 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "controller settings: " + string.Join("; ", problems), file,
                hint: "fix the settings (controller.json) or regenerate them from the model folder (ControllerPresets)");
    }
}
