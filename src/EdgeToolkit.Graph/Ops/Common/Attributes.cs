namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Reading arguments that moved from attributes to inputs across opsets (the reductions' axes,
/// Split/Squeeze/Unsqueeze axes) during shape inference, where the input must be a constant.
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

    /// <summary>True when input i is present but has no constant value at inference time.</summary>
    public static bool IsDynamic(ShapeContext ctx, int input) => ctx.HasInput(input) && ctx.ConstantInput(input) == null;
}
