namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// LSTM, gates i, o, f, c (W, R and B rows in that order), peepholes P in order i, o, f:
///   it = f(Xt Wi' + Ht-1 Ri' + Pi . Ct-1 + Wbi + Rbi)
///   ft = f(Xt Wf' + Ht-1 Rf' + Pf . Ct-1 + Wbf + Rbf)   (ft = 1 - it with input_forget)
///   ct = g(Xt Wc' + Ht-1 Rc' + Wbc + Rbc)
///   Ct = ft . Ct-1 + it . ct
///   ot = f(Xt Wo' + Ht-1 Ro' + Po . Ct + Wbo + Rbo)
///   Ht = ot . h(Ct)
/// clip bounds each gate's pre-activation, not Ct before h (as ONNX Runtime does).
/// </summary>
public class LstmOperator : RecurrentOperator
{
    internal override RecurrentKind Kind => RecurrentKind.Lstm;

    internal override RecurrentCell CreateCell(RecurrentAttributes attributes, RecurrentGeometry geometry, RecurrentWeights weights) =>
        new Cell(attributes, geometry.Hidden, weights, attributes.InputForget);

    private sealed class Cell(RecurrentAttributes a, int hidden, RecurrentWeights w, bool inputForget) : RecurrentCell(a)
    {
        // Row blocks of the gates in W, R and B; peephole blocks in P.
        private const int I = 0, O = 1, F = 2, C = 3, PeepI = 0, PeepO = 1, PeepF = 2;
        private readonly double[] _gates = new double[4 * hidden];

        public override void Step(int d, ReadOnlySpan<double> x, Span<double> h, Span<double> c)
        {
            for (int row = 0; row < _gates.Length; row++) _gates[row] = w.InputRow(d, row, x) + w.RecurrentRow(d, row, h);
            for (int j = 0; j < hidden; j++)
            {
                double i = Activate(d, 0, _gates[I * hidden + j] + Peephole(d, PeepI, j) * c[j]);
                double f = inputForget ? 1 - i : Activate(d, 0, _gates[F * hidden + j] + Peephole(d, PeepF, j) * c[j]);
                double cell = Activate(d, 1, _gates[C * hidden + j]);
                c[j] = f * c[j] + i * cell;
                double o = Activate(d, 0, _gates[O * hidden + j] + Peephole(d, PeepO, j) * c[j]);
                h[j] = o * ActivateUnclipped(d, 2, c[j]);
            }
        }

        private double Peephole(int d, int block, int j) => w.Peepholes is { } p ? p[(d * 3 + block) * hidden + j] : 0;
    }
}
