using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// edgetk.QAdd (Ops/Quantized/README.md): TensorFlow Lite's int8 Add. Each input, less its zero
/// point, is shifted left by left_shift (20) and scaled to the common scale 2 * max(sa, sb);
/// the sum is scaled to the output. Multidirectional broadcasting.
/// </summary>
public sealed class QAddOp : IOperator
{
    public string OpType => "QAdd";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx) => QuantizedBinary.Check(ctx);

    public void InferShapes(ShapeContext ctx) => QuantizedBinary.InferShapes(ctx);

    public void Evaluate(EvalContext ctx)
    {
        var n = ctx.Node;
        int za = (int)n.GetInt("a_zero_point", 0), zb = (int)n.GetInt("b_zero_point", 0), left = (int)n.GetInt("left_shift", 20);
        int am = (int)n.GetInt("a_multiplier", 0), ash = (int)n.GetInt("a_shift", 0);
        int bm = (int)n.GetInt("b_multiplier", 0), bsh = (int)n.GetInt("b_shift", 0);
        int om = (int)n.GetInt("output_multiplier", 0), osh = (int)n.GetInt("output_shift", 0);
        int zy = (int)n.GetInt("output_zero_point", 0), lo = (int)n.GetInt("act_min", -128), hi = (int)n.GetInt("act_max", 127);
        QuantizedBinary.Evaluate(ctx, (a, b) =>
        {
            int sa = FixedPoint.MultiplyByQuantizedMultiplier((a - za) << left, am, ash);
            int sb = FixedPoint.MultiplyByQuantizedMultiplier((b - zb) << left, bm, bsh);
            return FixedPoint.Requantize(sa + sb, om, osh, zy, lo, hi);
        });
    }
}
