using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

/// <summary>
/// GRU: z and r from the gate sums, then the candidate from the reset state (linear_before_reset
/// 0: R (r . h); otherwise r . (R h + Rb)), and h = (1 - z) . g(candidate) + z . h.
/// </summary>
public class GruEmitter : RecurrentEmitter
{
    internal override RecurrentKind Kind => RecurrentKind.Gru;
    private protected override string GateNames => "z, r, h";

    private protected override void WriteStep(RecurrentKernel k, int d)
    {
        var w = k.Code;
        int hidden = k.Hidden;
        k.GateSums("0", "2 * HIDDEN", 2 * hidden);
        w.Line("/* z and r (both take f); r stays in gates[HIDDEN..] for the candidate */");
        using (w.Block("for (j = 0; j < 2 * HIDDEN; j++)"))
        {
            w.Line("float v = gates[j];");
            k.Clip("v");
            w.Line($"gates[j] = {k.Activate(d, 0, "v")};");
        }
        if (k.Attributes.LinearBeforeReset)
            k.GateSums("2 * HIDDEN", "3 * HIDDEN", hidden, combine: (input, recurrent, row) => $"{input} + gates[{row} - HIDDEN] * ({recurrent})");
        else
            k.GateSums("2 * HIDDEN", "3 * HIDDEN", hidden, hElement: "gates[HIDDEN + k] * h[k]");
        using (w.Block("for (j = 0; j < HIDDEN; j++)"))
        {
            w.Line("const float z = gates[j];");
            w.Line("float v = gates[2 * HIDDEN + j];");
            k.Clip("v");
            w.Line($"v = {k.Activate(d, 1, "v")};");
            w.Line("h[j] = (1.0f - z) * v + z * h[j];");
        }
    }
}
