namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Reshape with the target shape as input 1 (opset 5+; the opset-1 "shape" attribute is accepted too).
/// 0 copies the input dim unless allowzero=1 (opset 14), where it means a zero-sized dim; one -1 is inferred.
/// </summary>
public sealed class ReshapeOp : IOperator
{
    public string OpType => "Reshape";

    public string? CheckSupported(ShapeContext ctx) =>
        ctx.HasInput(1) && !OpArguments.IsIndexType(ctx.InputType(1)) ? "Reshape shape must be int64" : null;

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        var (found, target) = OpArguments.IntsFrom(ctx, 1, "shape");
        if (!found) throw ctx.Error("Reshape needs a shape input");
        if (target == null)
        {
            var s = ctx.InputShape(1);
            ctx.SetOutput(0, x.Type, s.HasRank && s.Rank == 1 && s[0].IsKnown
                ? new SymShape(Enumerable.Repeat(Dim.Unknown, (int)s[0].Value)) : SymShape.UnknownRank);
            return;
        }
        ctx.SetOutput(0, x.Type, Infer(x.Shape, target, ctx.Node.GetInt("allowzero", 0) != 0));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var target = OpArguments.IntsFrom(ctx, 1, "shape") ?? throw ctx.Error("Reshape needs a shape input");
        var shape = Infer(x.SymShape, target, ctx.Node.GetInt("allowzero", 0) != 0).ToConcrete();
        if (Tensor.ElementCountOf(shape) != x.Length)
            throw ctx.Error($"cannot reshape {x} to [{string.Join("x", shape)}]");
        ctx.SetOutput(0, x.Reshaped(shape));
    }

    /// <summary>
    /// The output shape, symbolic where it must be. The -1 dim is solved by cancelling what the
    /// input and the other output dims have in common, so [batch,8,4,4] -> [-1,128] gives [batch,128].
    /// </summary>
    internal static SymShape Infer(SymShape input, long[] target, bool allowZero)
    {
        var dims = new Dim[target.Length];
        int inferred = -1;
        for (int i = 0; i < target.Length; i++)
        {
            long t = target[i];
            if (t == -1)
            {
                if (inferred >= 0) throw new InvalidOperationException("Reshape shape has more than one -1");
                inferred = i;
            }
            else if (t == 0 && !allowZero)
            {
                if (!input.HasRank) dims[i] = Dim.Unknown;
                else if (i < input.Rank) dims[i] = input[i];
                else throw new InvalidOperationException($"Reshape copies dim {i} (0) but the input has rank {input.Rank}");
            }
            else if (t < 0) throw new InvalidOperationException($"Reshape shape has invalid dim {t}");
            else dims[i] = Dim.Of(t);
        }
        if (inferred >= 0) dims[inferred] = SolveMissing(input, dims.Where((_, i) => i != inferred));
        return new SymShape(dims);
    }

    private static Dim SolveMissing(SymShape input, IEnumerable<Dim> others)
    {
        if (!input.HasRank) return Dim.Unknown;
        long knownIn = 1, knownOut = 1;
        var symbols = new List<Dim>();
        foreach (var d in input.Dims!) { if (d.IsKnown) knownIn *= d.Value; else symbols.Add(d); }
        foreach (var d in others)
        {
            if (d.IsKnown) knownOut *= d.Value;
            else if (d.Symbol != null && symbols.Remove(d)) continue;
            else return Dim.Unknown;
        }
        if (knownOut == 0)
        {
            if (symbols.Count == 0 && knownIn == 0) throw new InvalidOperationException("Reshape cannot infer -1 next to a zero-sized dim");
            return Dim.Unknown;
        }
        if (symbols.Count == 0)
        {
            if (knownIn % knownOut != 0) throw new InvalidOperationException($"cannot reshape {input}: {knownIn} elements do not split by {knownOut}");
            return Dim.Of(knownIn / knownOut);
        }
        return symbols.Count == 1 && knownIn == knownOut ? symbols[0] : Dim.Unknown;
    }
}
