using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Import;

/// <summary>TFLite element types as the graph's, and the constant data of a tensor decoded from its buffer.</summary>
internal static class TensorTypes
{
    /// <summary>The graph type of a TFLite type; null for types the graph has no use for (string, complex, resource, int4).</summary>
    public static DataType? ToDataType(TensorType t) => t switch
    {
        TensorType.Float32 => DataType.Float32,
        TensorType.Float16 => DataType.Float16,
        TensorType.Float64 => DataType.Float64,
        TensorType.Int8 => DataType.Int8,
        TensorType.UInt8 => DataType.UInt8,
        TensorType.Int16 => DataType.Int16,
        TensorType.UInt16 => DataType.UInt16,
        TensorType.Int32 => DataType.Int32,
        TensorType.UInt32 => DataType.UInt32,
        TensorType.Int64 => DataType.Int64,
        TensorType.UInt64 => DataType.UInt64,
        TensorType.Bool => DataType.Bool,
        _ => null,
    };

    /// <summary>
    /// The tensor's constant value from its buffer bytes (little-endian, row-major, as schema.fbs
    /// stores them); the byte count must match the shape exactly.
    /// </summary>
    public static Tensor Decode(TfliteTensor t, DataType type, ArraySegment<byte> bytes, string file)
    {
        long count = Tensor.ElementCountOf(t.Shape);
        int size = type.SizeOf();
        if (bytes.Count != count * size)
            throw TfliteErrors.Corrupt(file, $"tensor {t.Index} '{t.Name}' of shape [{string.Join("x", t.Shape)}] needs {count * size} bytes of {type.OnnxName()}, its buffer holds {bytes.Count}");
        var data = Array.CreateInstance(Tensor.ElementClrType(type), count);
        if (type == DataType.Bool)
        {
            var flags = (bool[])data;
            for (int i = 0; i < flags.Length; i++) flags[i] = bytes[i] != 0;
        }
        else Buffer.BlockCopy(bytes.Array!, bytes.Offset, data, 0, bytes.Count);
        return new Tensor(type, (int[])t.Shape.Clone(), data);
    }
}
