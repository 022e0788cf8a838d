using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Tests.Recurrent;

/// <summary>
/// A one-node RNN, GRU or LSTM graph with seeded random weights (initializers) and random X and
/// initial states (graph inputs), varied by the options below. Shared with the C generator's
/// tests (linked into EdgeToolkit.CodeGen.Tests).
/// </summary>
public sealed record RecurrentCase(string Op, int Seq = 3, int Batch = 2, int Input = 4, int Hidden = 5)
{
    public string Direction { get; init; } = "forward";
    public int Layout { get; init; }
    public bool Bias { get; init; } = true;
    public bool InitialStates { get; init; }
    public bool Peepholes { get; init; }
    public int[]? SequenceLens { get; init; }
    public string[]? Activations { get; init; }
    public float[]? Alphas { get; init; }
    public float[]? Betas { get; init; }
    public float? Clip { get; init; }
    public bool InputForget { get; init; }
    public bool LinearBeforeReset { get; init; }
    /// <summary>False: only Y is an output (Y_h and Y_c omitted).</summary>
    public bool StatesOut { get; init; } = true;
    /// <summary>False: Y omitted, only the states are outputs.</summary>
    public bool SequenceOut { get; init; } = true;

    private int Gates => Op switch { "LSTM" => 4, "GRU" => 3, _ => 1 };
    private int Dirs => Direction == "bidirectional" ? 2 : 1;
    private int[] StateShape => Layout == 0 ? new[] { Dirs, Batch, Hidden } : new[] { Batch, Dirs, Hidden };

    public ModelGraph Build(int seed)
    {
        var g = new ModelGraph { Name = Op.ToLowerInvariant(), Opset = 14 };
        var inputs = new List<string> { "X" };
        g.Inputs.Add(new ValueInfo("X", DataType.Float32, SymShape.FromConcrete(Layout == 0 ? new[] { Seq, Batch, Input } : new[] { Batch, Seq, Input })));
        inputs.Add(Constant(g, "W", Random(seed + 1, 0.6f, Dirs, Gates * Hidden, Input)));
        inputs.Add(Constant(g, "R", Random(seed + 2, 0.6f, Dirs, Gates * Hidden, Hidden)));
        inputs.Add(Bias ? Constant(g, "B", Random(seed + 3, 0.5f, Dirs, 2 * Gates * Hidden)) : "");
        inputs.Add(SequenceLens != null ? Constant(g, "sequence_lens", Tensor.FromInt32s(new[] { Batch }, SequenceLens)) : "");
        inputs.Add(InitialStates ? StateInput(g, "initial_h") : "");
        if (Op == "LSTM")
        {
            inputs.Add(InitialStates ? StateInput(g, "initial_c") : "");
            if (Peepholes) inputs.Add(Constant(g, "P", Random(seed + 4, 0.5f, Dirs, 3 * Hidden)));
        }
        var outputs = new[] { "Y", "Y_h", "Y_c" }.Take(Op == "LSTM" ? 3 : 2)
            .Select((o, i) => (i == 0 ? SequenceOut : StatesOut) ? o : "").ToArray();
        var node = new Node("rec", Op, inputs, outputs);
        node.With(NodeAttribute.Of("hidden_size", (long)Hidden)).With(NodeAttribute.Of("direction", Direction));
        if (Layout != 0) node.With(NodeAttribute.Of("layout", (long)Layout));
        if (Activations != null) node.With(new NodeAttribute { Name = "activations", Kind = AttributeKind.Strings, Strings = Activations });
        if (Alphas != null) node.With(NodeAttribute.Of("activation_alpha", Alphas));
        if (Betas != null) node.With(NodeAttribute.Of("activation_beta", Betas));
        if (Clip is float clip) node.With(NodeAttribute.Of("clip", clip));
        if (InputForget) node.With(NodeAttribute.Of("input_forget", 1L));
        if (LinearBeforeReset) node.With(NodeAttribute.Of("linear_before_reset", 1L));
        g.Nodes.Add(node);
        foreach (var o in outputs.Where(o => o.Length > 0)) g.Outputs.Add(new ValueInfo(o, DataType.Float32, SymShape.UnknownRank));
        ShapeInference.Run(g);
        return g;
    }

    /// <summary>Random values for every graph input, in [-1, 1] (X) or [-0.5, 0.5] (states).</summary>
    public static Dictionary<string, Tensor> Feeds(ModelGraph g, int seed) =>
        g.Inputs.Select((v, i) => (v.Name, T: Random(seed + 10 + i, v.Name == "X" ? 1f : 0.5f, v.Shape.ToConcrete())))
            .ToDictionary(p => p.Name, p => p.T);

    private string StateInput(ModelGraph g, string name)
    {
        g.Inputs.Add(new ValueInfo(name, DataType.Float32, SymShape.FromConcrete(StateShape)));
        return name;
    }

    private static string Constant(ModelGraph g, string name, Tensor t) { g.Initializers[name] = t; return name; }

    public static Tensor Random(int seed, float limit, params int[] shape)
    {
        var r = new Random(seed);
        var d = new float[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = (r.NextSingle() * 2 - 1) * limit;
        return Tensor.FromFloats(shape, d);
    }

    public override string ToString() => $"{Op} {Direction}" + (Layout != 0 ? " layout=1" : "") + (Peepholes ? " peepholes" : "")
        + (SequenceLens != null ? " seq_lens" : "") + (Activations != null ? $" [{string.Join(",", Activations)}]" : "") + (Clip != null ? " clip" : "")
        + (InputForget ? " input_forget" : "") + (LinearBeforeReset ? " lbr" : "") + (InitialStates ? " initial" : "");
}
