namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// Sizes of one recurrent node and where element (t, b, ...) of X, Y and the states sits in
/// either layout. Layout 0: X [seq, batch, input], Y [seq, dirs, batch, hidden], states
/// [dirs, batch, hidden]; layout 1 puts batch first: X [batch, seq, input], Y [batch, seq,
/// dirs, hidden], states [batch, dirs, hidden]. The hidden (or input) index is always innermost.
/// </summary>
public sealed record RecurrentGeometry(int SeqLength, int Batch, int InputSize, int Hidden, int Directions, int Layout)
{
    /// <summary>From the concrete shape of X and R (R gives the hidden size when hidden_size is absent).</summary>
    public static RecurrentGeometry Of(RecurrentAttributes a, IReadOnlyList<int> x, IReadOnlyList<int> r) =>
        new(a.Layout == 0 ? x[0] : x[1], a.Layout == 0 ? x[1] : x[0], x[2], a.HiddenSize ?? r[2], a.Directions, a.Layout);

    public int[] XShape => Layout == 0 ? new[] { SeqLength, Batch, InputSize } : new[] { Batch, SeqLength, InputSize };
    public int[] YShape => Layout == 0 ? new[] { SeqLength, Directions, Batch, Hidden } : new[] { Batch, SeqLength, Directions, Hidden };
    public int[] StateShape => Layout == 0 ? new[] { Directions, Batch, Hidden } : new[] { Batch, Directions, Hidden };

    /// <summary>Element strides of X's time and batch axes.</summary>
    public (int Time, int Batch) XStrides => Layout == 0 ? (Batch * InputSize, InputSize) : (InputSize, SeqLength * InputSize);

    /// <summary>Element strides of Y's time, direction and batch axes.</summary>
    public (int Time, int Direction, int Batch) YStrides => Layout == 0
        ? (Directions * Batch * Hidden, Batch * Hidden, Hidden)
        : (Directions * Hidden, Hidden, SeqLength * Directions * Hidden);

    /// <summary>Element strides of a state's (initial_h, Y_h, ...) direction and batch axes.</summary>
    public (int Direction, int Batch) StateStrides => Layout == 0 ? (Batch * Hidden, Hidden) : (Hidden, Directions * Hidden);

    public int XOffset(int t, int b) => t * XStrides.Time + b * XStrides.Batch;
    public int YOffset(int t, int d, int b) => t * YStrides.Time + d * YStrides.Direction + b * YStrides.Batch;
    public int StateOffset(int d, int b) => d * StateStrides.Direction + b * StateStrides.Batch;
}
