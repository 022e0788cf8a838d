namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>RNN: Ht = f(Xt Wi' + Ht-1 Ri' + Wbi + Rbi), f = Tanh by default.</summary>
public class RnnOperator : RecurrentOperator
{
    internal override RecurrentKind Kind => RecurrentKind.Rnn;

    internal override RecurrentCell CreateCell(RecurrentAttributes attributes, RecurrentGeometry geometry, RecurrentWeights weights) =>
        new Cell(attributes, geometry.Hidden, weights);

    private sealed class Cell(RecurrentAttributes a, int hidden, RecurrentWeights w) : RecurrentCell(a)
    {
        private readonly double[] _next = new double[hidden];

        public override void Step(int d, ReadOnlySpan<double> x, Span<double> h, Span<double> c)
        {
            for (int j = 0; j < hidden; j++) _next[j] = Activate(d, 0, w.InputRow(d, j, x) + w.RecurrentRow(d, j, h));
            _next.CopyTo(h);
        }
    }
}
