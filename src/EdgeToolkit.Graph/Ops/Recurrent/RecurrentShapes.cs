namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// Shape inference of RNN, GRU and LSTM: Y [seq, dirs, batch, hidden] and the states
/// [dirs, batch, hidden] (batch first with layout 1), after checking every parameter's shape
/// where it is known.
/// </summary>
internal static class RecurrentShapes
{
    public static void Infer(ShapeContext ctx, RecurrentKind kind)
    {
        var a = RecurrentAttributes.Read(ctx.Node, kind);
        var x = ctx.InputShape(RecurrentInputs.X);
        var r = ctx.InputShape(RecurrentInputs.R);
        if (x.HasRank && x.Rank != 3) throw ctx.Error($"X must be 3-D, got {x}");
        Dim seq = x.HasRank ? x[a.Layout == 0 ? 0 : 1] : Dim.Unknown;
        Dim batch = x.HasRank ? x[a.Layout == 0 ? 1 : 0] : Dim.Unknown;
        Dim input = x.HasRank ? x[2] : Dim.Unknown;
        Dim hidden = a.HiddenSize is int h ? Dim.Of(h) : r.HasRank && r.Rank == 3 ? r[2] : Dim.Unknown;
        Dim dirs = a.Directions;
        Dim rows = hidden.IsKnown ? Dim.Of(kind.Gates * hidden.Value) : Dim.Unknown;

        Expect(ctx, RecurrentInputs.W, "W", dirs, rows, input);
        Expect(ctx, RecurrentInputs.R, "R", dirs, rows, hidden);
        Expect(ctx, RecurrentInputs.B, "B", dirs, hidden.IsKnown ? Dim.Of(2 * kind.Gates * hidden.Value) : Dim.Unknown);
        Expect(ctx, RecurrentInputs.SequenceLens, "sequence_lens", batch);
        var state = a.Layout == 0 ? new[] { dirs, batch, hidden } : new[] { batch, dirs, hidden };
        Expect(ctx, RecurrentInputs.InitialH, "initial_h", state);
        if (kind.HasCellState)
        {
            Expect(ctx, RecurrentInputs.InitialC, "initial_c", state);
            Expect(ctx, RecurrentInputs.Peepholes, "P", dirs, hidden.IsKnown ? Dim.Of(3 * hidden.Value) : Dim.Unknown);
        }

        var type = ctx.InputType(RecurrentInputs.X);
        var y = a.Layout == 0 ? new[] { seq, dirs, batch, hidden } : new[] { batch, seq, dirs, hidden };
        ctx.SetOutput(RecurrentOutputs.Y, type, new SymShape(y));
        ctx.SetOutput(RecurrentOutputs.YH, type, new SymShape(state));
        if (kind.HasCellState) ctx.SetOutput(RecurrentOutputs.YC, type, new SymShape(state));
    }

    /// <summary>Refuses a present input whose rank or known dims differ from the expected ones (unknown dims match anything).</summary>
    private static void Expect(ShapeContext ctx, int input, string name, params Dim[] want)
    {
        if (!ctx.HasInput(input)) return;
        var s = ctx.InputShape(input);
        if (!s.HasRank) return;
        bool ok = s.Rank == want.Length;
        for (int i = 0; ok && i < want.Length; i++)
            ok = !(s[i].IsKnown && want[i].IsKnown && s[i].Value != want[i].Value);
        if (!ok)
            throw ctx.Error($"{ctx.Node.OpType} input {name} has shape {s}, expected {new SymShape(want)}",
                "check hidden_size, direction and layout against the weights' shapes");
    }
}
