using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

/// <summary>RNN: h = f(W x + R h + Wb + Rb).</summary>
public class RnnEmitter : RecurrentEmitter
{
    internal override RecurrentKind Kind => RecurrentKind.Rnn;
    private protected override string GateNames => "i";

    private protected override void WriteStep(RecurrentKernel k, int d)
    {
        var w = k.Code;
        k.GateSums("0", "GATE_ROWS", k.Rows);
        using (w.Block("for (j = 0; j < HIDDEN; j++)"))
        {
            w.Line("float v = gates[j];");
            k.Clip("v");
            w.Line($"h[j] = {k.Activate(d, 0, "v")};");
        }
    }
}
