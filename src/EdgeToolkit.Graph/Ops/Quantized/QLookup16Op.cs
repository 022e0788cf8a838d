namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// QLookup16 (domain edgetk, README.md here): an elementwise float op on int16 values as a table
/// over the input range, TFLite's int16 lookup made exact enough to agree with float arithmetic:
/// 512 segments of 128 input values; T (int32 [513]) holds the op at x = -32768 + 128 j in 1/128
/// output steps, C (int16 [512]) each segment's curvature (4 times the op's distance above the
/// chord at the segment's midpoint, same units). With u = x + 32768, i = u &gt;&gt; 7, f = u &amp; 127:
///   v = T[i] * (128 - f) + T[i+1] * f + ((C[i] * f * (128 - f)) &gt;&gt; 7)     (1/16384 steps)
///   Y = saturate_int16((v + 8192) &gt;&gt; 14)
/// (int32 arithmetic, arithmetic shifts: rounds half up). Linear interpolation between int16
/// entries alone (TFLite's) is off by up to a step from the float op, and a following Gemm sums
/// such steps; the fractions and the parabola bring it to the rounding of the float result but
/// for values within a few hundredths of a step of a tie.
/// </summary>
public sealed class QLookup16Operator : IOperator
{
    /// <summary>Table entries: 512 segments of 128 input values, and the end of the last one.</summary>
    public const int TableLength = 513;
    public const int Segments = TableLength - 1;

    public string OpType => "QLookup16";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputCount != 3 || Enumerable.Range(0, 3).Any(i => !ctx.HasInput(i))) return "QLookup16 takes X, T and C";
        if (ctx.InputType(0) != DataType.Int16 || ctx.InputType(1) != DataType.Int32 || ctx.InputType(2) != DataType.Int16)
            return "QLookup16 X must be int16, T int32 and C int16";
        if (ctx.InputShape(1) is { IsConcrete: true } t && t.ElementCount != TableLength) return $"QLookup16 T must hold {TableLength} values, got {t}";
        if (ctx.InputShape(2) is { IsConcrete: true } c && c.ElementCount != Segments) return $"QLookup16 C must hold {Segments} values, got {c}";
        return null;
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Int16, ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var t = ctx.Input(1).Int32s;
        var c = ctx.Input(2).Int16s;
        if (t.Length != TableLength || c.Length != Segments) throw ctx.Error($"QLookup16 needs {TableLength} table values and {Segments} curvatures");
        foreach (var v in t)
            if (v is < short.MinValue * 128 or > short.MaxValue * 128) throw ctx.Error($"QLookup16 T value {v} is outside the int16 range (in 1/128 steps)");
        var y = x.Int16s.Select(v => Lookup(t, c, v)).ToArray();
        ctx.SetOutput(0, new Tensor(DataType.Int16, x.Shape, y));
    }

    /// <summary>The table's value at x.</summary>
    public static short Lookup(int[] t, short[] c, short x)
    {
        int u = x + 32768, i = u >> 7, f = u & 127;
        int v = t[i] * (128 - f) + t[i + 1] * f + ((c[i] * f * (128 - f)) >> 7);
        return (short)Math.Clamp((v + 8192) >> 14, short.MinValue, short.MaxValue);
    }
}
