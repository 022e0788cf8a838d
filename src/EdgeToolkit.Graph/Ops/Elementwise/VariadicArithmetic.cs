using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Elementwise;

/// <summary>
/// Max, Min, Sum, Mean: one or more inputs of one type, folded pairwise with multidirectional
/// broadcasting from opset 8; before that all inputs must have one shape.
/// </summary>
public sealed class VariadicArithmeticOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        // Math.Max/Min propagate NaN, as numpy's maximum and ONNX Runtime do.
        new VariadicOperator("Max", Math.Max, Math.Max, mean: false),
        new VariadicOperator("Min", Math.Min, Math.Min, mean: false),
        new VariadicOperator("Sum", (x, y) => x + y, (x, y) => unchecked(x + y), mean: false),
        new VariadicOperator("Mean", (x, y) => x + y, (x, y) => unchecked(x + y), mean: true),
    };
}

internal sealed class VariadicOperator : IOperator
{
    private readonly Func<double, double, double> _float;
    private readonly Func<long, long, long> _int;
    private readonly bool _mean;
    public string OpType { get; }

    public VariadicOperator(string opType, Func<double, double, double> floatOp, Func<long, long, long> intOp, bool mean)
    {
        OpType = opType; _float = floatOp; _int = intOp; _mean = mean;
    }

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputCount == 0) return $"{OpType} needs at least one input";
        var allowed = _mean ? TypeSupport.Float : TypeSupport.Numeric;
        return TypeSupport.RequireAll(ctx, allowed) ?? TypeSupport.RequireSame(ctx, Enumerable.Range(0, ctx.InputCount).ToArray());
    }

    public void InferShapes(ShapeContext ctx)
    {
        if (ctx.Opset < 8) LegacyBroadcast.RequireEqualShapes(ctx, "before opset 8");
        ctx.SetOutput(0, ctx.InputType(0), ElementwiseKernels.BroadcastInputs(ctx));
    }

    public void Evaluate(EvalContext ctx)
    {
        var acc = ctx.Input(0);
        // Keep a single input's values but not its identity, so callers never alias it.
        if (ctx.InputCount == 1) acc = acc.Clone();
        for (int i = 1; i < ctx.InputCount; i++) acc = ElementwiseKernels.Binary(acc, ctx.Input(i), _float, _int);
        if (_mean) acc = ElementwiseKernels.Map(acc, x => (float)x / ctx.InputCount);
        ctx.SetOutput(0, acc);
    }
}
