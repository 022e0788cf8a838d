namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Which element types the reference evaluator handles, and the per-node check that says so.
/// Float16 and float64 are left out on purpose: the generated C computes in float32 and ints.
/// </summary>
public static class TypeSupport
{
    public static readonly DataType[] Float = { DataType.Float32 };
    public static readonly DataType[] SignedInts = { DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64 };
    public static readonly DataType[] Ints = { DataType.UInt8, DataType.Int8, DataType.UInt16, DataType.Int16, DataType.Int32, DataType.Int64, DataType.UInt32, DataType.UInt64 };
    /// <summary>Float32 plus the integer types: what arithmetic and comparisons evaluate.</summary>
    public static readonly DataType[] Numeric = Float.Concat(Ints).ToArray();
    public static readonly DataType[] SignedNumeric = Float.Concat(SignedInts).ToArray();
    public static readonly DataType[] Bool = { DataType.Bool };
    public static readonly DataType[] NumericOrBool = Numeric.Concat(Bool).ToArray();

    /// <summary>
    /// Null when the present input i has one of the allowed types (or an unknown type, which
    /// inference reports later); otherwise the reason, naming the type and what is supported.
    /// </summary>
    public static string? Require(ShapeContext ctx, int input, IReadOnlyCollection<DataType> allowed, string? role = null)
    {
        if (!ctx.HasInput(input)) return null;
        var info = ctx.Input(input);
        if (allowed.Contains(info.Type)) return null;
        return $"{role ?? $"input {input}"} '{info.Name}' has type {info.Type.OnnxName()}, but {ctx.Node.OpType} is only evaluated for {Describe(allowed)}";
    }

    /// <summary>Checks every present input against the same type set.</summary>
    public static string? RequireAll(ShapeContext ctx, IReadOnlyCollection<DataType> allowed)
    {
        for (int i = 0; i < ctx.InputCount; i++)
            if (Require(ctx, i, allowed) is { } why) return why;
        return null;
    }

    /// <summary>Null when all present inputs in the list share one type, else the reason.</summary>
    public static string? RequireSame(ShapeContext ctx, params int[] inputs)
    {
        DataType? first = null;
        foreach (var i in inputs)
        {
            if (!ctx.HasInput(i)) continue;
            var t = ctx.InputType(i);
            if (first == null) first = t;
            else if (t != first) return $"inputs of {ctx.Node.OpType} must share one type, got {first.Value.OnnxName()} and {t.OnnxName()}";
        }
        return null;
    }

    public static string Describe(IEnumerable<DataType> types) => string.Join("/", types.Select(t => t.OnnxName()));
}
