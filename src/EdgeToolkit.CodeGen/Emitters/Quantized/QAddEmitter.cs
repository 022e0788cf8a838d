namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// edgetk.QAdd: TensorFlow Lite's int8 Add. Each operand less its zero point is shifted left by
/// left_shift and scaled to the common scale; their sum is scaled to the output and offset.
/// </summary>
public sealed class QAddEmitter : QuantizedBinaryEmitter
{
    public override string OpType => "QAdd";

    public override string? CheckSupported(KernelContext ctx) =>
        base.CheckSupported(ctx) ?? (Attribute(ctx, "left_shift") is < 0 or > 22 ? "QAdd left_shift must be in [0, 22]" : null);

    protected override string Describe(KernelContext ctx) =>
        $"a' = R((a - {Attribute(ctx, "a_zero_point")}) << {Attribute(ctx, "left_shift")}), b' likewise, y = R(a' + b') + {Attribute(ctx, "output_zero_point")} (TFLite)";

    protected override string Element(KernelContext ctx, string a, string b)
    {
        int left = Attribute(ctx, "left_shift");
        long shifted = 255L << left;
        string Scaled(string v, string side) => Requantization.Expression(ctx,
            $"((int32_t){v} - {Attribute(ctx, side + "_zero_point")}) * {1 << left}", Attribute(ctx, side + "_multiplier"), Attribute(ctx, side + "_shift"), shifted);
        // Each scaled operand is at most its shifted value (the multipliers are below one), so the sum is below 2 * 255 << left.
        var sum = Requantization.Expression(ctx, $"{Scaled(a, "a")} + {Scaled(b, "b")}",
            Attribute(ctx, "output_multiplier"), Attribute(ctx, "output_shift"), 2 * shifted);
        return $"{sum} + {Attribute(ctx, "output_zero_point")}";
    }
}
