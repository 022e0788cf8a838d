namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Type-agnostic data movement: data-movement ops describe where each output element comes from
/// as an index into the source, and this copies elements of whatever element type the tensor holds.
/// </summary>
internal static class ElementGather
{
    /// <summary>result[i] = src[index[i]], or the first element of fill where index[i] is -1.</summary>
    public static Array Take(Array src, int[] index, Array? fill = null)
    {
        // Dispatch on the exact element type: the CLR lets byte[] pass as sbyte[] (and uint[] as
        // int[]), so "src is sbyte[]" patterns would pick the wrong element type.
        var t = src.GetType().GetElementType();
        if (t == typeof(float)) return Take((float[])src, index, fill);
        if (t == typeof(double)) return Take((double[])src, index, fill);
        if (t == typeof(Half)) return Take((Half[])src, index, fill);
        if (t == typeof(sbyte)) return Take((sbyte[])src, index, fill);
        if (t == typeof(byte)) return Take((byte[])src, index, fill);
        if (t == typeof(short)) return Take((short[])src, index, fill);
        if (t == typeof(ushort)) return Take((ushort[])src, index, fill);
        if (t == typeof(int)) return Take((int[])src, index, fill);
        if (t == typeof(uint)) return Take((uint[])src, index, fill);
        if (t == typeof(long)) return Take((long[])src, index, fill);
        if (t == typeof(ulong)) return Take((ulong[])src, index, fill);
        if (t == typeof(bool)) return Take((bool[])src, index, fill);
        if (t == typeof(string)) return Take((string[])src, index, fill);
        throw new ArgumentException($"cannot move elements of {src.GetType().Name}");
    }

    private static T[] Take<T>(T[] src, int[] index, Array? fill)
    {
        T padValue = fill != null && fill.GetType() == typeof(T[]) && fill.Length > 0 ? ((T[])fill)[0] : default!;
        var r = new T[index.Length];
        for (int i = 0; i < r.Length; i++) r[i] = index[i] >= 0 ? src[index[i]] : padValue;
        return r;
    }

    /// <summary>
    /// Builds the output by combining one offset table per output axis: offsets[a][o] is what
    /// output coordinate o on axis a adds to the source index, or -1 when that coordinate is padding.
    /// Transpose, Slice, Pad, Tile and Expand are all this with different tables.
    /// </summary>
    public static Array ByAxisOffsets(Array src, int[] outShape, int[][] offsets, Array? fill = null)
    {
        long count = Tensor.ElementCountOf(outShape);
        var index = new int[count];
        int rank = outShape.Length;
        var coord = new int[rank];
        for (long i = 0; i < count; i++)
        {
            int at = 0;
            for (int a = 0; a < rank; a++)
            {
                int off = offsets[a][coord[a]];
                if (off < 0) { at = -1; break; }
                at += off;
            }
            index[i] = at;
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++coord[a] < outShape[a]) break;
                coord[a] = 0;
            }
        }
        return Take(src, index, fill);
    }

    /// <summary>n elements of the given numeric or bool type, all equal to value.</summary>
    public static Array Filled(DataType type, long n, double value)
    {
        switch (type)
        {
            case DataType.Float32: { var a = new float[n]; Array.Fill(a, (float)value); return a; }
            case DataType.Float64: { var a = new double[n]; Array.Fill(a, value); return a; }
            case DataType.Float16: { var a = new Half[n]; Array.Fill(a, (Half)value); return a; }
            case DataType.Int8: { var a = new sbyte[n]; Array.Fill(a, (sbyte)value); return a; }
            case DataType.UInt8: { var a = new byte[n]; Array.Fill(a, (byte)value); return a; }
            case DataType.Int16: { var a = new short[n]; Array.Fill(a, (short)value); return a; }
            case DataType.UInt16: { var a = new ushort[n]; Array.Fill(a, (ushort)value); return a; }
            case DataType.Int32: { var a = new int[n]; Array.Fill(a, (int)value); return a; }
            case DataType.UInt32: { var a = new uint[n]; Array.Fill(a, (uint)value); return a; }
            case DataType.Int64: { var a = new long[n]; Array.Fill(a, (long)value); return a; }
            case DataType.UInt64: { var a = new ulong[n]; Array.Fill(a, (ulong)value); return a; }
            case DataType.Bool: { var a = new bool[n]; Array.Fill(a, value != 0); return a; }
            default: throw new ArgumentException($"cannot fill a tensor of {type}");
        }
    }

    /// <summary>A new zeroed array for n elements of the given type.</summary>
    public static Array NewArray(DataType type, long n) => Array.CreateInstance(Tensor.ElementClrType(type), n);
}
