using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// What RNN, GRU and LSTM share: type and attribute checks, shape inference, and the sequence
/// loop. Each op supplies its cell equations.
/// </summary>
public abstract class RecurrentOperator : IOperator
{
    private static readonly DataType[] SequenceLensTypes = { DataType.Int32 };
    private static readonly DataType[] Int8 = { DataType.Int8 };

    internal abstract RecurrentKind Kind { get; }
    public string OpType => Kind.OpType;
    public virtual string Domain => "";

    /// <summary>
    /// The weight-only int8 variant (domain edgetk, from QDQ lowering): W and R are int8 with one
    /// float32 scale per gate row after the ONNX inputs; everything else is the float op.
    /// </summary>
    internal virtual bool Int8Weights => false;

    internal abstract RecurrentCell CreateCell(RecurrentAttributes attributes, RecurrentGeometry geometry, RecurrentWeights weights);

    public string? CheckSupported(ShapeContext ctx)
    {
        for (int i = 0; i < ctx.InputCount; i++)
        {
            var why = TypeSupport.Require(ctx, i, i == RecurrentInputs.SequenceLens ? SequenceLensTypes
                : Int8Weights && i is RecurrentInputs.W or RecurrentInputs.R ? Int8 : TypeSupport.Float);
            if (why != null) return why;
        }
        int allowed = Kind.InputCount + (Int8Weights ? 2 : 0);
        if (ctx.InputCount > allowed) return $"{OpType} takes at most {allowed} inputs, got {ctx.InputCount}";
        if (Int8Weights && !(ctx.HasInput(Kind.WScaleInput) && ctx.HasInput(Kind.RScaleInput))) return $"{OpType} with int8 weights needs the scales of W and R";
        return RecurrentAttributes.Check(ctx.Node, Kind);
    }

    public void InferShapes(ShapeContext ctx) => RecurrentShapes.Infer(ctx, Kind);

    public void Evaluate(EvalContext ctx)
    {
        var a = RecurrentAttributes.Read(ctx.Node, Kind);
        Tensor x = ctx.Input(RecurrentInputs.X), r = ctx.Input(RecurrentInputs.R);
        if (x.Rank != 3 || r.Rank != 3) throw ctx.Error($"X and R must be 3-D, got {x} and {r}");
        var g = RecurrentGeometry.Of(a, x.Shape, r.Shape);
        RequireShapes(ctx, g);
        var cell = CreateCell(a, g, new RecurrentWeights(ctx, Kind, g, Int8Weights));
        RecurrentSequence.Run(ctx, a, g, cell);
    }

    /// <summary>Shape inference checks these where it knows the shapes; evaluation may get inputs it never saw.</summary>
    private void RequireShapes(EvalContext ctx, RecurrentGeometry g)
    {
        int rows = Kind.Gates * g.Hidden;
        var expected = new (int Input, string Name, int[] Shape)[]
        {
            (RecurrentInputs.W, "W", new[] { g.Directions, rows, g.InputSize }),
            (RecurrentInputs.R, "R", new[] { g.Directions, rows, g.Hidden }),
            (RecurrentInputs.B, "B", new[] { g.Directions, 2 * rows }),
            (RecurrentInputs.SequenceLens, "sequence_lens", new[] { g.Batch }),
            (RecurrentInputs.InitialH, "initial_h", g.StateShape),
            (RecurrentInputs.InitialC, "initial_c", g.StateShape),
            (RecurrentInputs.Peepholes, "P", new[] { g.Directions, 3 * g.Hidden }),
        };
        foreach (var (input, name, shape) in expected)
            if ((input < RecurrentInputs.InitialC || Kind.HasCellState) && ctx.OptionalInput(input) is { } t && !t.Shape.SequenceEqual(shape))
                throw ctx.Error($"input {name} is {t}, expected [{string.Join("x", shape)}]");
    }
}
