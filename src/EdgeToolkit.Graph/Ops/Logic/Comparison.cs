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

    public string? CheckSupported(ShapeContext ctx) =>
        BinaryLogicChecks.LegacyBroadcast(ctx) ?? TypeSupport.RequireAll(ctx, _types) ?? TypeSupport.RequireSame(ctx, 0, 1);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Bool, ElementwiseKernels.BroadcastInputs(ctx));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, ElementwiseKernels.Predicate(ctx.Input(0), ctx.Input(1), _float, _int));
}

internal static class BinaryLogicChecks
{
    /// <summary>Before opset 7, broadcasting with an explicit axis had its own rule; not supported.</summary>
    public static string? LegacyBroadcast(ShapeContext ctx) =>
        ctx.Opset < 7 && ctx.Node.GetInt("broadcast", 0) != 0 && ctx.Node.HasAttribute("axis")
            ? "legacy broadcasting with an 'axis' attribute (opset < 7) is not supported" : null;
}
