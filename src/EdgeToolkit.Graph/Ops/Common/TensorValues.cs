namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Moves tensor data to and from the two working representations of the reference ops: double
/// (float types: float32 values are exact in double, and one rounding back gives the float32
/// result of +,-,*,/,sqrt) and long (integer and bool types, wrapping like C on the way back).
/// </summary>
public static class TensorValues
{
    // Conversions switch on the element type, never on the array's runtime type: the CLR lets a
    // byte[] pass as sbyte[] (and ushort[]/short[], uint[]/int[], ulong[]/long[]), so pattern
    // matching on arrays reads unsigned data as signed.

    public static double[] ToDoubles(Tensor t) => t.Type switch
    {
        DataType.Float32 => Array.ConvertAll((float[])t.Data, x => (double)x),
        DataType.Float64 => (double[])((double[])t.Data).Clone(),
        DataType.Float16 => Array.ConvertAll((Half[])t.Data, x => (double)x),
        DataType.UInt64 => Array.ConvertAll((ulong[])t.Data, x => (double)x),
        _ => Array.ConvertAll(ToLongs(t), x => (double)x),
    };

    /// <summary>Integer and bool elements as long (uint64 keeps its bit pattern); float types truncate.</summary>
    public static long[] ToLongs(Tensor t) => t.Type switch
    {
        DataType.Int64 => (long[])((long[])t.Data).Clone(),
        DataType.Int32 => Array.ConvertAll((int[])t.Data, x => (long)x),
        DataType.Int16 => Array.ConvertAll((short[])t.Data, x => (long)x),
        DataType.Int8 => Array.ConvertAll((sbyte[])t.Data, x => (long)x),
        DataType.UInt64 => Array.ConvertAll((ulong[])t.Data, x => unchecked((long)x)),
        DataType.UInt32 => Array.ConvertAll((uint[])t.Data, x => (long)x),
        DataType.UInt16 => Array.ConvertAll((ushort[])t.Data, x => (long)x),
        DataType.UInt8 => Array.ConvertAll((byte[])t.Data, x => (long)x),
        DataType.Bool => Array.ConvertAll((bool[])t.Data, x => x ? 1L : 0L),
        DataType.Float32 or DataType.Float64 or DataType.Float16 => Array.ConvertAll(ToDoubles(t), x => (long)x),
        _ => throw new ArgumentException($"tensor of {t.Type.OnnxName()} is not numeric"),
    };

    public static bool[] ToBools(Tensor t) =>
        t.Data is bool[] b && t.Type == DataType.Bool ? b
        : t.Type.IsFloat() ? Array.ConvertAll(ToDoubles(t), x => x != 0)
        : Array.ConvertAll(ToLongs(t), x => x != 0);

    /// <summary>The single value of a scalar-like tensor (Clip's bounds, CumSum's axis) as double.</summary>
    public static double ScalarDouble(Tensor t) => ToDoubles(t)[0];

    /// <summary>The single value of a scalar-like integer tensor as long.</summary>
    public static long ScalarLong(Tensor t) => ToLongs(t)[0];

    /// <summary>A tensor of a float type from doubles (rounded to nearest for float32).</summary>
    public static Tensor FromDoubles(DataType type, int[] shape, double[] v) => type switch
    {
        DataType.Float32 => new Tensor(type, shape, Array.ConvertAll(v, x => (float)x)),
        DataType.Float64 => new Tensor(type, shape, v),
        DataType.Float16 => new Tensor(type, shape, Array.ConvertAll(v, x => (Half)x)),
        _ => throw new ArgumentException($"{type.OnnxName()} is not a float type"),
    };

    /// <summary>A tensor of an integer or bool type from longs; narrower types wrap (two's complement).</summary>
    public static Tensor FromLongs(DataType type, int[] shape, long[] v) => type switch
    {
        DataType.Int64 => new Tensor(type, shape, v),
        DataType.Int32 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((int)x))),
        DataType.Int16 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((short)x))),
        DataType.Int8 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((sbyte)x))),
        DataType.UInt64 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((ulong)x))),
        DataType.UInt32 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((uint)x))),
        DataType.UInt16 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((ushort)x))),
        DataType.UInt8 => new Tensor(type, shape, Array.ConvertAll(v, x => unchecked((byte)x))),
        DataType.Bool => new Tensor(type, shape, Array.ConvertAll(v, x => x != 0)),
        _ => throw new ArgumentException($"{type.OnnxName()} is not an integer type"),
    };

    public static Tensor FromBools(int[] shape, bool[] v) => new(DataType.Bool, shape, v);
}
