namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// One time step of a recurrent op for one direction and batch row, in double: updates the
/// hidden state h (and LSTM's cell state c; empty for RNN and GRU) in place from the input x.
/// </summary>
internal abstract class RecurrentCell(RecurrentAttributes attributes)
{
    protected RecurrentAttributes Attributes { get; } = attributes;

    public abstract void Step(int direction, ReadOnlySpan<double> x, Span<double> h, Span<double> c);

    /// <summary>Activation `which` (0 = f, 1 = g, 2 = h) of a direction, applied to a gate's clipped pre-activation.</summary>
    protected double Activate(int direction, int which, double v)
    {
        if (Attributes.Clip is float clip) v = Math.Clamp(v, -clip, clip);
        return Attributes.Activations[direction][which].Apply(v);
    }

    /// <summary>The same without the clip: LSTM's h(Ct) is not a gate.</summary>
    protected double ActivateUnclipped(int direction, int which, double v) => Attributes.Activations[direction][which].Apply(v);
}
