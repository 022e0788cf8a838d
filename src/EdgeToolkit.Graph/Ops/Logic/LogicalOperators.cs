using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Logic;

/// <summary>And, Or, Xor: bool inputs with broadcasting. Not (elementwise) is its own operator below.</summary>
public sealed class LogicalOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new LogicalBinaryOperator("And", (x, y) => x && y),
        new LogicalBinaryOperator("Or", (x, y) => x || y),
        new LogicalBinaryOperator("Xor", (x, y) => x ^ y),
    };
}

internal sealed class LogicalBinaryOperator : IOperator
{
    private readonly Func<bool, bool, bool> _op;
    public string OpType { get; }

    public LogicalBinaryOperator(string opType, Func<bool, bool, bool> op) { OpType = opType; _op = op; }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.RequireAll(ctx, TypeSupport.Bool);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Bool, LegacyBroadcast.OutputShape(ctx));

    public void Evaluate(EvalContext ctx)
    {
        Tensor a = ctx.Input(0), b = LegacyBroadcast.AlignSecond(ctx.Node, ctx.Opset, a, ctx.Input(1));
        ctx.SetOutput(0, ElementwiseKernels.Predicate(a, b, (x, y) => _op(x != 0, y != 0), (x, y) => _op(x != 0, y != 0)));
    }
}

public sealed class NotOperator : IOperator
{
    public string OpType => "Not";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Bool);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Bool, ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        ctx.SetOutput(0, TensorValues.FromBools(x.Shape, Array.ConvertAll(x.Bools, b => !b)));
    }
}
