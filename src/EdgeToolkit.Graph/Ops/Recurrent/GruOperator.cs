namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// GRU, gates z, r, h:
///   zt = f(Xt Wz' + Ht-1 Rz' + Wbz + Rbz),  rt = f(Xt Wr' + Ht-1 Rr' + Wbr + Rbr)
///   ht = g(Xt Wh' + (rt . Ht-1) Rh' + Rbh + Wbh)      linear_before_reset = 0
///   ht = g(Xt Wh' + rt . (Ht-1 Rh' + Rbh) + Wbh)      linear_before_reset != 0
///   Ht = (1 - zt) . ht + zt . Ht-1
/// </summary>
public class GruOperator : RecurrentOperator
{
    internal override RecurrentKind Kind => RecurrentKind.Gru;

    internal override RecurrentCell CreateCell(RecurrentAttributes attributes, RecurrentGeometry geometry, RecurrentWeights weights) =>
        new Cell(attributes, geometry.Hidden, weights, attributes.LinearBeforeReset);

    private sealed class Cell(RecurrentAttributes a, int hidden, RecurrentWeights w, bool linearBeforeReset) : RecurrentCell(a)
    {
        private readonly double[] _z = new double[hidden], _r = new double[hidden], _resetH = new double[hidden], _next = new double[hidden];

        public override void Step(int d, ReadOnlySpan<double> x, Span<double> h, Span<double> c)
        {
            for (int j = 0; j < hidden; j++)
            {
                _z[j] = Activate(d, 0, w.InputRow(d, j, x) + w.RecurrentRow(d, j, h));
                _r[j] = Activate(d, 0, w.InputRow(d, hidden + j, x) + w.RecurrentRow(d, hidden + j, h));
                _resetH[j] = _r[j] * h[j];
            }
            // Every row reads the old Ht-1, so the new state is written only after the loop.
            for (int j = 0; j < hidden; j++)
            {
                int row = 2 * hidden + j;
                double candidate = linearBeforeReset
                    ? w.InputRow(d, row, x) + _r[j] * w.RecurrentRow(d, row, h)
                    : w.InputRow(d, row, x) + w.RecurrentRow(d, row, _resetH);
                _next[j] = (1 - _z[j]) * Activate(d, 1, candidate) + _z[j] * h[j];
            }
            _next.CopyTo(h);
        }
    }
}
