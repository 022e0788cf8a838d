namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Reading arguments that moved from attributes to inputs across opsets (Clip's min/max, the
/// reductions' axes): one place that knows both forms.
/// </summary>
public static class Attributes
{
    /// <summary>
    /// Int list from the attribute (older opsets) or from a constant input (newer ones).
    /// Returns null when absent; throws when the input is present but not constant.
    /// </summary>
    public static long[]? IntsFromAttributeOrInput(ShapeContext ctx, string attribute, int input, bool fromInput)
    {
        if (!fromInput) return ctx.Node.GetInts(attribute);
        if (!ctx.HasInput(input)) return null;
        return (ctx.ConstantInput(input) is { } c ? TensorValues.ToLongs(c) : null)
            ?? throw ctx.Error($"input {input} ('{attribute}') must be a constant for shape inference",
                "fold constants first, or pin the input shapes so it can be folded");
    }

    public static long[]? IntsFromAttributeOrInput(EvalContext ctx, string attribute, int input, bool fromInput) =>
        fromInput ? (ctx.OptionalInput(input) is { } t ? TensorValues.ToLongs(t) : null) : ctx.Node.GetInts(attribute);

    /// <summary>True when input i is present but has no constant value at inference time.</summary>
    public static bool IsDynamic(ShapeContext ctx, int input) => ctx.HasInput(input) && ctx.ConstantInput(input) == null;
}
