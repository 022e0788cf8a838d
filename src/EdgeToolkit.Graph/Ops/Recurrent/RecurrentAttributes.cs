namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// The attributes of RNN, GRU and LSTM, read once: direction, hidden_size, the activations of
/// each direction (with alpha and beta), clip, layout (opset 14), LSTM's input_forget and GRU's
/// linear_before_reset. Check says what is wrong with them; Read assumes Check passed.
/// </summary>
public sealed class RecurrentAttributes
{
    public required RecurrentKind Kind { get; init; }
    public required RecurrentDirection Direction { get; init; }
    /// <summary>Null when the attribute is absent: the hidden size is then R's last dim.</summary>
    public required int? HiddenSize { get; init; }
    /// <summary>[direction][f, g, h...]: direction 0 is forward (or the only one), 1 the reverse of a bidirectional node.</summary>
    public required RecurrentActivation[][] Activations { get; init; }
    /// <summary>Bound on every gate's pre-activation (|x| &lt;= clip), or null for none.</summary>
    public required float? Clip { get; init; }
    /// <summary>0: X [seq, batch, input] and states [dirs, batch, hidden]; 1: batch first.</summary>
    public required int Layout { get; init; }
    /// <summary>LSTM's input_forget: the forget gate is 1 - the input gate.</summary>
    public bool InputForget { get; init; }
    /// <summary>GRU's linear_before_reset: the reset gate scales R h + Rb rather than h.</summary>
    public bool LinearBeforeReset { get; init; }

    public int Directions => Direction == RecurrentDirection.Bidirectional ? 2 : 1;

    /// <summary>Whether direction d walks the sequence backwards.</summary>
    public bool Reversed(int d) => Direction == RecurrentDirection.Reverse || Direction == RecurrentDirection.Bidirectional && d == 1;

    public static string? Check(Node node, RecurrentKind kind)
    {
        var direction = node.GetString("direction", "forward");
        if (ParseDirection(direction) == null) return $"direction '{direction}' is not forward, reverse or bidirectional";
        int dirs = direction == "bidirectional" ? 2 : 1;
        if (node.HasAttribute("hidden_size") && node.GetInt("hidden_size", 0) <= 0) return $"hidden_size must be positive, got {node.GetInt("hidden_size", 0)}";
        var layout = node.GetInt("layout", 0);
        if (layout is not (0 or 1)) return $"layout must be 0 or 1, got {layout}";
        if (node.HasAttribute("clip") && !(node.GetFloat("clip", 0) > 0)) return $"clip must be positive, got {node.GetFloat("clip", 0)}";
        var names = ActivationNames(node);
        if (names != null)
        {
            int want = kind.ActivationsPerDirection * dirs;
            if (names.Length != want)
                return $"{kind.OpType} with direction {direction} takes {want} activations ({kind.ActivationsPerDirection} per direction), got {names.Length}";
            var unknown = names.FirstOrDefault(n => RecurrentActivation.Canonical(n) == null);
            if (unknown != null) return $"activation '{unknown}' is not one ONNX allows ({string.Join(", ", RecurrentActivation.Names)})";
        }
        return null;
    }

    public static RecurrentAttributes Read(Node node, RecurrentKind kind)
    {
        var direction = ParseDirection(node.GetString("direction", "forward")) ?? RecurrentDirection.Forward;
        int dirs = direction == RecurrentDirection.Bidirectional ? 2 : 1;
        var names = ActivationNames(node) ?? Enumerable.Repeat(kind.DefaultActivations, dirs).SelectMany(a => a).ToArray();
        var all = RecurrentActivation.Parse(names, node.GetFloats("activation_alpha"), node.GetFloats("activation_beta"));
        int k = kind.ActivationsPerDirection;
        return new RecurrentAttributes
        {
            Kind = kind,
            Direction = direction,
            HiddenSize = node.HasAttribute("hidden_size") ? (int)node.GetInt("hidden_size", 0) : null,
            Activations = Enumerable.Range(0, dirs).Select(d => all[(d * k)..((d + 1) * k)]).ToArray(),
            Clip = node.HasAttribute("clip") ? node.GetFloat("clip", 0) : null,
            Layout = (int)node.GetInt("layout", 0),
            InputForget = kind.HasCellState && node.GetInt("input_forget", 0) != 0,
            LinearBeforeReset = kind == RecurrentKind.Gru && node.GetInt("linear_before_reset", 0) != 0,
        };
    }

    private static string[]? ActivationNames(Node node) =>
        node.Attributes.TryGetValue("activations", out var a) && a.Strings is { Length: > 0 } s ? s : null;

    private static RecurrentDirection? ParseDirection(string s) => s switch
    {
        "forward" => RecurrentDirection.Forward,
        "reverse" => RecurrentDirection.Reverse,
        "bidirectional" => RecurrentDirection.Bidirectional,
        _ => null,
    };
}
