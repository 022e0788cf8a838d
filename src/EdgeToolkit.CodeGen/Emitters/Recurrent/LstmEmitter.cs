using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

/// <summary>
/// LSTM: the four gate sums (rows i, o, f, c), then per unit c = f . c + i . g(c_gate) and
/// h = o . h(c), with peepholes on i and f (old c) and o (new c), and f = 1 - i with input_forget.
/// </summary>
public class LstmEmitter : RecurrentEmitter
{
    internal override RecurrentKind Kind => RecurrentKind.Lstm;
    private protected override string GateNames => "i, o, f, c";

    private protected override void WriteStep(RecurrentKernel k, int d)
    {
        var w = k.Code;
        k.GateSums("0", "GATE_ROWS", k.Rows);
        using (w.Block("for (j = 0; j < HIDDEN; j++)"))
        {
            w.Line($"float i_gate = gates[j]{k.Peephole(0)};");
            w.Line($"float f_gate{(k.Attributes.InputForget ? "" : $" = gates[2 * HIDDEN + j]{k.Peephole(2)}")};");
            w.Line("float c_gate = gates[3 * HIDDEN + j];");
            w.Line("float o_gate;");
            k.Clip("i_gate");
            w.Line($"i_gate = {k.Activate(d, 0, "i_gate")};");
            if (k.Attributes.InputForget) w.Line("f_gate = 1.0f - i_gate;");
            else
            {
                k.Clip("f_gate");
                w.Line($"f_gate = {k.Activate(d, 0, "f_gate")};");
            }
            k.Clip("c_gate");
            w.Line($"c_gate = {k.Activate(d, 1, "c_gate")};");
            w.Line("c[j] = f_gate * c[j] + i_gate * c_gate;");
            w.Line($"o_gate = gates[HIDDEN + j]{k.Peephole(1)};");
            k.Clip("o_gate");
            w.Line($"o_gate = {k.Activate(d, 0, "o_gate")};");
            w.Line($"h[j] = o_gate * {k.Activate(d, 2, "c[j]")};");
        }
    }
}
