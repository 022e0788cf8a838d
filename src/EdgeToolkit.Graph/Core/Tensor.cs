namespace EdgeToolkit.Graph;

/// <summary>
/// A concrete tensor: element type, shape and row-major data. Data is one typed array:
/// float[] (Float32), double[] (Float64), Half[] (Float16), sbyte[] (Int8), byte[] (UInt8),
/// short[] (Int16), ushort[] (UInt16), int[] (Int32), uint[] (UInt32), long[] (Int64),
/// ulong[] (UInt64), bool[] (Bool), string[] (String).
/// </summary>
public sealed class Tensor
{
    public DataType Type { get; }
    public int[] Shape { get; }
    public Array Data { get; }

    public Tensor(DataType type, int[] shape, Array data)
    {
        long n = ElementCountOf(shape);
        if (data.Length != n)
            throw new ArgumentException($"tensor of shape [{string.Join("x", shape)}] needs {n} elements, got {data.Length}");
        if (data.GetType().GetElementType() != ElementClrType(type))
            throw new ArgumentException($"tensor of type {type} cannot hold {data.GetType().Name}");
        Type = type; Shape = shape; Data = data;
    }

    public int Rank => Shape.Length;
    public int Length => Data.Length;
    public SymShape SymShape => SymShape.FromConcrete(Shape);
    public ValueInfo Info(string name) => new(name, Type, SymShape);

    public static long ElementCountOf(IReadOnlyList<int> shape) { long n = 1; foreach (var d in shape) n *= d; return n; }

    public static Type ElementClrType(DataType t) => t switch
    {
        DataType.Float32 => typeof(float),
        DataType.Float64 => typeof(double),
        DataType.Float16 => typeof(Half),
        DataType.Int8 => typeof(sbyte),
        DataType.UInt8 => typeof(byte),
        DataType.Int16 => typeof(short),
        DataType.UInt16 => typeof(ushort),
        DataType.Int32 => typeof(int),
        DataType.UInt32 => typeof(uint),
        DataType.Int64 => typeof(long),
        DataType.UInt64 => typeof(ulong),
        DataType.Bool => typeof(bool),
        DataType.String => typeof(string),
        _ => throw new ArgumentException($"unsupported tensor type {t}"),
    };

    public static Tensor Zeros(DataType t, int[] shape) =>
        new(t, shape, Array.CreateInstance(ElementClrType(t), ElementCountOf(shape)));

    public static Tensor FromFloats(int[] shape, float[] data) => new(DataType.Float32, shape, data);
    public static Tensor FromInt64s(int[] shape, long[] data) => new(DataType.Int64, shape, data);
    public static Tensor FromInt32s(int[] shape, int[] data) => new(DataType.Int32, shape, data);
    public static Tensor Scalar(float v) => new(DataType.Float32, Array.Empty<int>(), new[] { v });
    public static Tensor Scalar(long v) => new(DataType.Int64, Array.Empty<int>(), new[] { v });
    public static Tensor Vector(params long[] v) => new(DataType.Int64, new[] { v.Length }, v);
    public static Tensor Vector(params float[] v) => new(DataType.Float32, new[] { v.Length }, v);

    public float[] Floats => Type == DataType.Float32 ? (float[])Data : throw new InvalidOperationException($"tensor is {Type}, not float32");
    public long[] Int64s => Type == DataType.Int64 ? (long[])Data : throw new InvalidOperationException($"tensor is {Type}, not int64");
    public int[] Int32s => Type == DataType.Int32 ? (int[])Data : throw new InvalidOperationException($"tensor is {Type}, not int32");
    public sbyte[] Int8s => Type == DataType.Int8 ? (sbyte[])Data : throw new InvalidOperationException($"tensor is {Type}, not int8");
    public byte[] UInt8s => Type == DataType.UInt8 ? (byte[])Data : throw new InvalidOperationException($"tensor is {Type}, not uint8");
    public short[] Int16s => Type == DataType.Int16 ? (short[])Data : throw new InvalidOperationException($"tensor is {Type}, not int16");
    public bool[] Bools => Type == DataType.Bool ? (bool[])Data : throw new InvalidOperationException($"tensor is {Type}, not bool");

    /// <summary>Element i converted to double (numeric and bool types).</summary>
    public double GetDouble(int i) => Type switch
    {
        // Switch on Type, not on the array: the CLR lets byte[] match sbyte[] (and ushort[] short[] ...).
        DataType.Float32 => ((float[])Data)[i], DataType.Float64 => ((double[])Data)[i], DataType.Float16 => (double)((Half[])Data)[i],
        DataType.Int8 => ((sbyte[])Data)[i], DataType.UInt8 => ((byte[])Data)[i], DataType.Int16 => ((short[])Data)[i],
        DataType.UInt16 => ((ushort[])Data)[i], DataType.Int32 => ((int[])Data)[i], DataType.UInt32 => ((uint[])Data)[i],
        DataType.Int64 => ((long[])Data)[i], DataType.UInt64 => ((ulong[])Data)[i], DataType.Bool => ((bool[])Data)[i] ? 1 : 0,
        _ => throw new InvalidOperationException($"tensor of {Type} is not numeric"),
    };

    /// <summary>Element i as long (integer and bool types; floats truncate). Used for shape plumbing.</summary>
    public long GetInt64(int i) => Type switch
    {
        DataType.Int64 => ((long[])Data)[i], DataType.Int32 => ((int[])Data)[i], DataType.Int8 => ((sbyte[])Data)[i],
        DataType.UInt8 => ((byte[])Data)[i], DataType.Int16 => ((short[])Data)[i], DataType.UInt16 => ((ushort[])Data)[i],
        DataType.UInt32 => ((uint[])Data)[i], DataType.UInt64 => (long)((ulong[])Data)[i], DataType.Bool => ((bool[])Data)[i] ? 1 : 0,
        _ => (long)GetDouble(i),
    };

    /// <summary>All elements as long; for shape-like tensors (axes, pads, shapes).</summary>
    public long[] ToInt64Array() { var r = new long[Length]; for (int i = 0; i < r.Length; i++) r[i] = GetInt64(i); return r; }

    /// <summary>All elements as float.</summary>
    public float[] ToFloatArray() { var r = new float[Length]; for (int i = 0; i < r.Length; i++) r[i] = (float)GetDouble(i); return r; }

    public Tensor Reshaped(int[] shape) => new(Type, shape, Data);
    public Tensor Clone() => new(Type, (int[])Shape.Clone(), (Array)Data.Clone());

    public override string ToString() => $"{Type.OnnxName()}[{string.Join("x", Shape)}]";

    /// <summary>Row-major strides in elements.</summary>
    public static int[] Strides(IReadOnlyList<int> shape)
    {
        var s = new int[shape.Count];
        int acc = 1;
        for (int i = shape.Count - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]; }
        return s;
    }
}
