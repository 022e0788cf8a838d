using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>
/// MatMulInteger (opset 10): (A - a_zero_point) x (B - b_zero_point) over int8/uint8, exact in
/// int32. A's zero point is a scalar or one per row of A (shape [M]); B's a scalar or one per
/// column of B (shape [N]). Batched and 1-D operands follow MatMul.
/// </summary>
public sealed class MatMulIntegerOperator : IOperator
{
    private static readonly DataType[] Int8s = { DataType.Int8, DataType.UInt8 };

    public string OpType => "MatMulInteger";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, Int8s, "A") ?? TypeSupport.Require(ctx, 1, Int8s, "B")
        ?? TypeSupport.RequireSame(ctx, 0, 2) ?? TypeSupport.RequireSame(ctx, 1, 3);

    public void InferShapes(ShapeContext ctx)
    {
        // Same shape rule as MatMul, with an int32 result.
        var inner = new ShapeContext(new Node(ctx.Node.Name, "MatMul", ctx.Node.Inputs.Take(2), ctx.Node.Outputs.Take(1)), ctx.Opset,
            name => name == ctx.Node.Inputs[0] ? ctx.Input(0) : name == ctx.Node.Inputs[1] ? ctx.Input(1) : null, _ => null, ctx.File);
        new MatMulOperator().InferShapes(inner);
        ctx.SetOutput(0, DataType.Int32, inner.Outputs[0]!.Shape);
    }

    public void Evaluate(EvalContext ctx)
    {
        Tensor a = ctx.Input(0), b = ctx.Input(1);
        var aShifted = Shift(a, ctx.OptionalInput(2), perRowOfA: true);
        var bShifted = Shift(b, ctx.OptionalInput(3), perRowOfA: false);
        var product = MatMulOperator.Multiply(aShifted, bShifted);
        ctx.SetOutput(0, TensorValues.FromLongs(DataType.Int32, product.Shape, product.Int64s));
    }

    /// <summary>The operand minus its zero point, as int64 (so the product cannot overflow).</summary>
    private static Tensor Shift(Tensor x, Tensor? zeroPoint, bool perRowOfA)
    {
        var v = TensorValues.ToLongs(x);
        if (zeroPoint != null)
        {
            var z = TensorValues.ToLongs(zeroPoint);
            int rows = x.Rank >= 2 ? x.Shape[^2] : 1, cols = x.Shape[^1];
            for (int i = 0; i < v.Length; i++)
            {
                // Per-row zero points index A's row; per-column ones index B's column.
                int k = z.Length == 1 ? 0 : perRowOfA ? i / cols % rows : i % cols;
                v[i] -= z[k];
            }
        }
        return Tensor.FromInt64s(x.Shape, v);
    }
}
