namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Moves tensor data to and from the two working representations of the reference ops: double
/// (float types: float32 values are exact in double, and one rounding back gives the float32
/// result of +,-,*,/,sqrt) and long (integer and bool types, wrapping like C on the way back).
/// </summary>
public static class TensorValues
{
    public static double[] ToDoubles(Tensor t)
    {
        if (t.Data is float[] f) { var r = new double[f.Length]; for (int i = 0; i < r.Length; i++) r[i] = f[i]; return r; }
        if (t.Data is double[] d) return (double[])d.Clone();
        var x = new double[t.Length];
        for (int i = 0; i < x.Length; i++) x[i] = t.GetDouble(i);
        return x;
    }

    public static long[] ToLongs(Tensor t) => t.Data is long[] l ? (long[])l.Clone() : t.ToInt64Array();

    public static bool[] ToBools(Tensor t)
    {
        if (t.Data is bool[] b) return b;
        var r = new bool[t.Length];
        for (int i = 0; i < r.Length; i++) r[i] = t.GetDouble(i) != 0;
        return r;
    }

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

    /// <summary>Elements picked by flat index (broadcast maps, gathers) into a new tensor of the same type.</summary>
    public static Tensor Pick(Tensor t, int[] shape, int[] indices)
    {
        var src = t.Data;
        var dst = Array.CreateInstance(src.GetType().GetElementType()!, indices.Length);
        for (int i = 0; i < indices.Length; i++) dst.SetValue(src.GetValue(indices[i]), i);
        return new Tensor(t.Type, shape, dst);
    }
}
