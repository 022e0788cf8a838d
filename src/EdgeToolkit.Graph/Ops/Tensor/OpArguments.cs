namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Arguments that moved from attributes (older opsets) to inputs (newer ones), read leniently:
/// whichever form the node carries, and without failing when the input is not a constant.
/// </summary>
internal static class OpArguments
{
    /// <summary>
    /// Integer list given either as input i (newer opsets) or as attribute attr (older ones).
    /// Absent: Found=false. Present as a non-constant input: Found=true, Values=null.
    /// </summary>
    public static (bool Found, long[]? Values) IntsFrom(ShapeContext ctx, int input, string attr)
    {
        if (ctx.HasInput(input)) return (true, ctx.ConstantInput(input)?.ToInt64Array());
        var a = ctx.Node.GetInts(attr);
        return a != null ? (true, a) : (false, null);
    }

    /// <summary>The evaluation-time counterpart of IntsFrom: null when absent.</summary>
    public static long[]? IntsFrom(EvalContext ctx, int input, string attr) =>
        ctx.HasInput(input) ? ctx.Input(input).ToInt64Array() : ctx.Node.GetInts(attr);

    /// <summary>Integer-typed tensor check, for indices/shape inputs.</summary>
    public static bool IsIndexType(DataType t) => t is DataType.Int64 or DataType.Int32;
}
