using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// Runs a cell over the sequence for every direction and batch row, as ONNX defines it: each
/// row starts from initial_h/initial_c (zeros when absent) and runs sequence_lens[b] steps
/// (forwards, or backwards from step len - 1 for the reverse direction); Y is zero past a
/// row's length, and a row of length 0 leaves zero states (as ONNX Runtime does).
/// </summary>
internal static class RecurrentSequence
{
    public static void Run(EvalContext ctx, RecurrentAttributes a, RecurrentGeometry g, RecurrentCell cell)
    {
        var x = TensorValues.ToDoubles(ctx.Input(RecurrentInputs.X));
        var lens = SequenceLengths(ctx, g);
        var h0 = Optional(ctx, RecurrentInputs.InitialH);
        var c0 = a.Kind.HasCellState ? Optional(ctx, RecurrentInputs.InitialC) : null;
        var y = new float[g.SeqLength * g.Directions * g.Batch * g.Hidden];
        var yh = new float[g.Directions * g.Batch * g.Hidden];
        var yc = new float[yh.Length];
        var h = new double[g.Hidden];
        var c = new double[a.Kind.HasCellState ? g.Hidden : 0];
        for (int d = 0; d < g.Directions; d++)
            for (int b = 0; b < g.Batch; b++)
            {
                int state = g.StateOffset(d, b), len = lens[b];
                for (int j = 0; j < g.Hidden; j++) h[j] = h0?[state + j] ?? 0;
                for (int j = 0; j < c.Length; j++) c[j] = c0?[state + j] ?? 0;
                for (int s = 0; s < len; s++)
                {
                    int t = a.Reversed(d) ? len - 1 - s : s;
                    cell.Step(d, x.AsSpan(g.XOffset(t, b), g.InputSize), h, c);
                    for (int j = 0; j < g.Hidden; j++) y[g.YOffset(t, d, b) + j] = (float)h[j];
                }
                if (len == 0) continue;
                for (int j = 0; j < g.Hidden; j++) yh[state + j] = (float)h[j];
                for (int j = 0; j < c.Length; j++) yc[state + j] = (float)c[j];
            }
        ctx.SetOutput(RecurrentOutputs.Y, Tensor.FromFloats(g.YShape, y));
        ctx.SetOutput(RecurrentOutputs.YH, Tensor.FromFloats(g.StateShape, yh));
        if (a.Kind.HasCellState) ctx.SetOutput(RecurrentOutputs.YC, Tensor.FromFloats(g.StateShape, yc));
    }

    private static int[] SequenceLengths(EvalContext ctx, RecurrentGeometry g)
    {
        var lens = Enumerable.Repeat(g.SeqLength, g.Batch).ToArray();
        if (ctx.OptionalInput(RecurrentInputs.SequenceLens) is not { } t) return lens;
        for (int b = 0; b < g.Batch; b++)
        {
            long v = t.GetInt64(b);
            if (v < 0 || v > g.SeqLength) throw ctx.Error($"sequence_lens[{b}] is {v}, outside [0, {g.SeqLength}]");
            lens[b] = (int)v;
        }
        return lens;
    }

    private static double[]? Optional(EvalContext ctx, int input) =>
        ctx.OptionalInput(input) is { } t ? TensorValues.ToDoubles(t) : null;
}
