using EdgeToolkit.Graph.Ops.Common;

// Not "Ops.Math": a namespace named Math would hide System.Math in every EdgeToolkit.Graph.Ops.* file.
namespace EdgeToolkit.Graph.Ops.MathOps;

/// <summary>
/// Cast between numeric types and bool. Float to integer truncates toward zero; values outside
/// the target range (which ONNX leaves undefined) saturate to it and NaN gives 0, as Arm's VCVT
/// does, so the result is deterministic. Integer to integer wraps (two's complement), as C's
/// conversions do. Any non-zero value (NaN included) is true.
/// </summary>
public sealed class CastOperator : IOperator
{
    public string OpType => "Cast";

    internal static readonly DataType[] Castable =
    {
        DataType.Float32, DataType.Float64, DataType.Float16, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16,
        DataType.Int32, DataType.UInt32, DataType.Int64, DataType.UInt64, DataType.Bool,
    };

    public string? CheckSupported(ShapeContext ctx)
    {
        if (!ctx.Node.HasAttribute("to")) return "Cast has no 'to' attribute";
        var to = (DataType)ctx.Node.GetInt("to", 0);
        if (!Castable.Contains(to)) return $"Cast to {to.OnnxName()} (type {(int)to}) is not supported; supported: {TypeSupport.Describe(Castable)}";
        return TypeSupport.Require(ctx, 0, Castable);
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, (DataType)ctx.Node.GetInt("to", 0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, Convert(ctx.Input(0), (DataType)ctx.Node.GetInt("to", 0)));

    public static Tensor Convert(Tensor x, DataType to)
    {
        if (x.Type == to) return x.Clone();
        if (to == DataType.Bool) return TensorValues.FromBools(x.Shape, TensorValues.ToBools(x));
        if (x.Type.IsFloat())
        {
            var v = TensorValues.ToDoubles(x);
            if (to.IsFloat()) return TensorValues.FromDoubles(to, x.Shape, v);
            var (lo, hi) = Range(to);
            var l = new long[v.Length];
            for (int i = 0; i < l.Length; i++)
                l[i] = double.IsNaN(v[i]) ? 0 : v[i] <= lo ? (long)lo : v[i] >= hi ? (long)hi : (long)Math.Truncate(v[i]);
            return to == DataType.UInt64 ? UInt64FromDoubles(x.Shape, v) : TensorValues.FromLongs(to, x.Shape, l);
        }
        var n = TensorValues.ToLongs(x);
        return to switch
        {
            // Straight from long so that large values round once.
            DataType.Float32 => new Tensor(to, x.Shape, Array.ConvertAll(n, a => x.Type == DataType.UInt64 ? (float)unchecked((ulong)a) : (float)a)),
            DataType.Float64 => new Tensor(to, x.Shape, Array.ConvertAll(n, a => x.Type == DataType.UInt64 ? (double)unchecked((ulong)a) : (double)a)),
            DataType.Float16 => new Tensor(to, x.Shape, Array.ConvertAll(n, a => (Half)(double)a)),
            _ => TensorValues.FromLongs(to, x.Shape, n),
        };
    }

    private static (double Lo, double Hi) Range(DataType t) => t switch
    {
        DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DataType.UInt8 => (0, byte.MaxValue),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        DataType.UInt16 => (0, ushort.MaxValue),
        DataType.Int32 => (int.MinValue, int.MaxValue),
        DataType.UInt32 => (0, uint.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static Tensor UInt64FromDoubles(int[] shape, double[] v) =>
        new(DataType.UInt64, shape, Array.ConvertAll(v, a => double.IsNaN(a) || a <= 0 ? 0UL : a >= ulong.MaxValue ? ulong.MaxValue : (ulong)a));
}

/// <summary>CastLike (opset 15): Cast to the element type of the second input (whose values are unused).</summary>
public sealed class CastLikeOperator : IOperator
{
    public string OpType => "CastLike";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, CastOperator.Castable) ?? TypeSupport.Require(ctx, 1, CastOperator.Castable, "target_type");

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(1), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, CastOperator.Convert(ctx.Input(0), ctx.Input(1).Type));
}
