namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>What differs between RNN, GRU and LSTM before their cell equations: gates, default activations, a cell state.</summary>
public sealed record RecurrentKind(string OpType, int Gates, string[] DefaultActivations, bool HasCellState)
{
    /// <summary>Ht = f(Xt Wi' + Ht-1 Ri' + Wbi + Rbi).</summary>
    public static readonly RecurrentKind Rnn = new("RNN", 1, new[] { "Tanh" }, false);
    /// <summary>Gates z, r, h; activations f (z, r) and g (h).</summary>
    public static readonly RecurrentKind Gru = new("GRU", 3, new[] { "Sigmoid", "Tanh" }, false);
    /// <summary>Gates i, o, f, c; activations f (i, o, f), g (c) and h (output).</summary>
    public static readonly RecurrentKind Lstm = new("LSTM", 4, new[] { "Sigmoid", "Tanh", "Tanh" }, true);

    /// <summary>Activations per direction: one per distinct function (f, g, h), not per gate.</summary>
    public int ActivationsPerDirection => DefaultActivations.Length;

    /// <summary>Outputs: Y, Y_h and (LSTM) Y_c.</summary>
    public int OutputCount => HasCellState ? 3 : 2;

    /// <summary>ONNX inputs: X, W, R, B, sequence_lens, initial_h, and (LSTM) initial_c, P.</summary>
    public int InputCount => HasCellState ? 8 : 6;

    /// <summary>Int8-weight variant (domain edgetk): the float32 per-row scales of W and R follow the ONNX inputs.</summary>
    public int WScaleInput => InputCount;
    public int RScaleInput => InputCount + 1;
}

/// <summary>Input positions shared by the three operators (initial_c and P are LSTM's).</summary>
public static class RecurrentInputs
{
    public const int X = 0, W = 1, R = 2, B = 3, SequenceLens = 4, InitialH = 5, InitialC = 6, Peepholes = 7;
}

/// <summary>Output positions: Y (every step), Y_h (last hidden state), Y_c (LSTM's last cell state).</summary>
public static class RecurrentOutputs
{
    public const int Y = 0, YH = 1, YC = 2;
}

public enum RecurrentDirection { Forward, Reverse, Bidirectional }
