using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Logic;

/// <summary>Equal, Greater, Less, GreaterOrEqual, LessOrEqual: broadcasting, bool output.</summary>
public sealed class ComparisonOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new ComparisonOperator("Equal", (x, y) => x == y, (x, y) => x == y, TypeSupport.NumericOrBool),
        new ComparisonOperator("Greater", (x, y) => x > y, (x, y) => x > y, TypeSupport.Numeric),
        new ComparisonOperator("Less", (x, y) => x < y, (x, y) => x < y, TypeSupport.Numeric),
        new ComparisonOperator("GreaterOrEqual", (x, y) => x >= y, (x, y) => x >= y, TypeSupport.Numeric),
        new ComparisonOperator("LessOrEqual", (x, y) => x <= y, (x, y) => x <= y, TypeSupport.Numeric),
    };
}

internal sealed class ComparisonOperator : IOperator
{
    private readonly Func<double, double, bool> _float;
    private readonly Func<long, long, bool> _int;
    private readonly DataType[] _types;
    public string OpType { get; }

    public ComparisonOperator(string opType, Func<double, double, bool> floatOp, Func<long, long, bool> intOp, DataType[] types)
    {
        OpType = opType; _float = floatOp; _int = intOp; _types = types;
    }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.RequireAll(ctx, _types) ?? TypeSupport.RequireSame(ctx, 0, 1);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Bool, LegacyBroadcast.OutputShape(ctx));

    public void Evaluate(EvalContext ctx)
    {
        Tensor a = ctx.Input(0), b = LegacyBroadcast.AlignSecond(ctx.Node, ctx.Opset, a, ctx.Input(1));
        ctx.SetOutput(0, ElementwiseKernels.Predicate(a, b, _float, _int));
    }
}
