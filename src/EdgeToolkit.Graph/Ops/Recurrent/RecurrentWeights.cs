using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// W, R and B of one node for the reference evaluator: gate row products with their bias, in
/// double. Row q of direction d is gate q / hidden, unit q % hidden, in the op's gate order.
/// </summary>
internal sealed class RecurrentWeights
{
    private readonly double[] _w, _r;
    private readonly double[]? _b;
    private readonly int _rows, _input, _hidden;
    /// <summary>Peepholes P [dirs, 3 * hidden] (LSTM: i, o, f), or null.</summary>
    public double[]? Peepholes { get; }

    /// <param name="int8Weights">W and R are int8 with per-row scales after the ONNX inputs (RecurrentOperator.Int8Weights).</param>
    public RecurrentWeights(EvalContext ctx, RecurrentKind kind, RecurrentGeometry g, bool int8Weights = false)
    {
        _w = TensorValues.ToDoubles(ctx.Input(RecurrentInputs.W));
        _r = TensorValues.ToDoubles(ctx.Input(RecurrentInputs.R));
        if (int8Weights)
        {
            ScaleRows(_w, TensorValues.ToDoubles(ctx.Input(kind.WScaleInput)), g.InputSize);
            ScaleRows(_r, TensorValues.ToDoubles(ctx.Input(kind.RScaleInput)), g.Hidden);
        }
        _b = ctx.OptionalInput(RecurrentInputs.B) is { } b ? TensorValues.ToDoubles(b) : null;
        Peepholes = kind.HasCellState && ctx.OptionalInput(RecurrentInputs.Peepholes) is { } p ? TensorValues.ToDoubles(p) : null;
        _rows = kind.Gates * g.Hidden;
        _input = g.InputSize;
        _hidden = g.Hidden;
    }

    /// <summary>W[d, row] . x + Wb[d, row].</summary>
    public double InputRow(int d, int row, ReadOnlySpan<double> x) =>
        Dot(_w.AsSpan((d * _rows + row) * _input, _input), x) + (_b != null ? _b[d * 2 * _rows + row] : 0);

    /// <summary>R[d, row] . h + Rb[d, row].</summary>
    public double RecurrentRow(int d, int row, ReadOnlySpan<double> h) =>
        Dot(_r.AsSpan((d * _rows + row) * _hidden, _hidden), h) + (_b != null ? _b[d * 2 * _rows + _rows + row] : 0);

    /// <summary>Dequantizes in place: row q (over every direction) times scales[q], one scale for all rows when there is one.</summary>
    private static void ScaleRows(double[] m, double[] scales, int rowLength)
    {
        for (int i = 0; i < m.Length; i++) m[i] *= scales.Length == 1 ? scales[0] : scales[i / rowLength];
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
