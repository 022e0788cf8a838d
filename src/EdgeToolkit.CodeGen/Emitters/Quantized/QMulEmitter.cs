namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>edgetk.QMul: TensorFlow Lite's int8 Mul, the product of the operands less their zero points, scaled and offset.</summary>
public sealed class QMulEmitter : QuantizedBinaryEmitter
{
    public override string OpType => "QMul";

    protected override string Describe(KernelContext ctx) =>
        $"y = R((a - {Attribute(ctx, "a_zero_point")}) * (b - {Attribute(ctx, "b_zero_point")})) + {Attribute(ctx, "output_zero_point")} (TFLite)";

    protected override string Element(KernelContext ctx, string a, string b) =>
        Requantization.Expression(ctx, $"((int32_t){a} - {Attribute(ctx, "a_zero_point")}) * ((int32_t){b} - {Attribute(ctx, "b_zero_point")})",
            Attribute(ctx, "output_multiplier"), Attribute(ctx, "output_shift"), 255L * 255) + $" + {Attribute(ctx, "output_zero_point")}";
}
