using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// edgetk.QMul (Ops/Quantized/README.md): TensorFlow Lite's int8 Mul, the product of the inputs
/// less their zero points scaled by sa * sb / sy. Multidirectional broadcasting.
/// </summary>
public sealed class QMulOp : IOperator
{
    public string OpType => "QMul";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx) => QuantizedBinary.Check(ctx);

    public void InferShapes(ShapeContext ctx) => QuantizedBinary.InferShapes(ctx);

    public void Evaluate(EvalContext ctx)
    {
        var n = ctx.Node;
        int za = (int)n.GetInt("a_zero_point", 0), zb = (int)n.GetInt("b_zero_point", 0);
        int om = (int)n.GetInt("output_multiplier", 0), osh = (int)n.GetInt("output_shift", 0);
        int zy = (int)n.GetInt("output_zero_point", 0), lo = (int)n.GetInt("act_min", -128), hi = (int)n.GetInt("act_max", 127);
        QuantizedBinary.Evaluate(ctx, (a, b) => FixedPoint.Requantize((a - za) * (b - zb), om, osh, zy, lo, hi));
    }
}
