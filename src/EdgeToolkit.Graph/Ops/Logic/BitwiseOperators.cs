using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Logic;

/// <summary>
/// BitwiseAnd/Or/Xor (opset 18, broadcasting), BitShift (opset 11, unsigned, direction LEFT or
/// RIGHT; shifts of the type's width or more give 0, as ONNX Runtime does). Integer types only.
/// </summary>
public sealed class BitwiseOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new BitwiseBinaryOperator("BitwiseAnd", (_, _) => (x, y) => x & y, TypeSupport.Ints),
        new BitwiseBinaryOperator("BitwiseOr", (_, _) => (x, y) => x | y, TypeSupport.Ints),
        new BitwiseBinaryOperator("BitwiseXor", (_, _) => (x, y) => x ^ y, TypeSupport.Ints),
        new BitwiseBinaryOperator("BitShift", Shift, new[] { DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64 },
            n => n.GetString("direction", "") is "LEFT" or "RIGHT" ? null : "BitShift needs direction LEFT or RIGHT"),
    };

    private static Func<long, long, long> Shift(Tensor x, Node node)
    {
        int bits = x.Type.SizeOf() * 8;
        bool left = node.GetString("direction", "") == "LEFT";
        // Values are unsigned, held in long (uint64 as its bit pattern): shift the bits, logically.
        return (v, s) => s < 0 || s >= bits ? 0 : left ? v << (int)s : (long)((ulong)v >> (int)s);
    }
}

internal sealed class BitwiseBinaryOperator : IOperator
{
    /// <summary>Builds the element function from the first input (for its type) and the node.</summary>
    private readonly Func<Tensor, Node, Func<long, long, long>> _op;
    private readonly DataType[] _types;
    private readonly Func<Node, string?>? _checkAttributes;
    public string OpType { get; }

    public BitwiseBinaryOperator(string opType, Func<Tensor, Node, Func<long, long, long>> op, DataType[] types, Func<Node, string?>? checkAttributes = null)
    {
        OpType = opType; _op = op; _types = types; _checkAttributes = checkAttributes;
    }

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.RequireAll(ctx, _types) ?? TypeSupport.RequireSame(ctx, 0, 1) ?? _checkAttributes?.Invoke(ctx.Node);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ElementwiseKernels.BroadcastInputs(ctx));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        ctx.SetOutput(0, ElementwiseKernels.Binary(x, ctx.Input(1), null, _op(x, ctx.Node)));
    }
}

/// <summary>BitwiseNot (opset 18): flips every bit of an integer.</summary>
public sealed class BitwiseNotOperator : IOperator
{
    public string OpType => "BitwiseNot";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Ints);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, ElementwiseKernels.Map(ctx.Input(0), null, x => ~x));
}
