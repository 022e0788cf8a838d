using EdgeToolkit.Graph.Ops.Common;

// Not "Ops.Math": a namespace named Math would hide System.Math in every EdgeToolkit.Graph.Ops.* file.
namespace EdgeToolkit.Graph.Ops.MathOps;

/// <summary>
/// One elementwise unary op: same type and shape out. The float function is built per node so it
/// can read the node's attributes (alpha, beta, approximate); integer types are evaluated only
/// where ONNX defines the op for them.
/// </summary>
internal sealed class UnaryOperator : IOperator
{
    private readonly Func<Node, Func<double, double>> _float;
    private readonly Func<long, long>? _int;
    private readonly DataType[] _types;
    private readonly Func<Node, string?>? _checkAttributes;
    public string OpType { get; }

    public UnaryOperator(string opType, Func<Node, Func<double, double>> floatOp, Func<long, long>? intOp = null, DataType[]? types = null,
        Func<Node, string?>? checkAttributes = null)
    {
        OpType = opType; _float = floatOp; _int = intOp; _checkAttributes = checkAttributes;
        _types = types ?? (intOp == null ? TypeSupport.Float : TypeSupport.Numeric);
    }

    /// <summary>For ops without attributes.</summary>
    public UnaryOperator(string opType, Func<double, double> floatOp, Func<long, long>? intOp = null, DataType[]? types = null)
        : this(opType, _ => floatOp, intOp, types) { }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, _types) ?? _checkAttributes?.Invoke(ctx.Node);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, ElementwiseKernels.Map(ctx.Input(0), _float(ctx.Node), _int));
}
