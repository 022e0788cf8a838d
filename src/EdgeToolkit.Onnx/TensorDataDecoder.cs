using System.Runtime.InteropServices;
using System.Text;
using EdgeToolkit.Graph;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// TensorProto -> Tensor for every storage form: raw_data (little endian) or the typed fields.
/// Sizes are checked against the bytes actually present before anything is allocated, so a
/// hostile header claiming 10^12 elements fails cleanly.
/// </summary>
internal static class TensorDataDecoder
{
    public const string ExternalDataHint =
        "external weights are not supported: re-save the model with the weights inside, e.g. " +
        "onnx.save_model(onnx.load(path), out_path, save_as_external_data=False)";

    public static Tensor Decode(TensorProto p)
    {
        var label = p.Name.Length > 0 ? $"tensor '{p.Name}'" : "a tensor";
        if (p.DataLocation == TensorProto.Types.DataLocation.External || p.ExternalData.Count > 0)
            throw OnnxErrors.Unsupported($"{label} keeps its data in an external file", ExternalDataHint);
        if (p.Segment != null)
            throw OnnxErrors.Unsupported($"{label} is a segment of a larger tensor", "save the model without tensor segments");
        var type = OnnxTypes.TryMap(p.DataType)
            ?? throw OnnxErrors.Unsupported($"{label} has element type {OnnxTypes.Name(p.DataType)}, which EdgeToolkit does not support",
                "convert the model's weights to float32 (or int8/uint8 for quantized models)");
        var shape = ShapeOf(p.Dims, label);
        long count = ElementCount(shape, label);

        var data = p.RawData.Length > 0 || count == 0 && type != DataType.String
            ? FromRaw(p.RawData, type, count, label)
            : FromTypedFields(p, type, count, label);
        return new Tensor(type, shape, data);
    }

    private static int[] ShapeOf(RepeatedField<long> dims, string label)
    {
        if (dims.Count > ReaderLimits.MaxRank)
            throw OnnxErrors.Malformed($"{label} has {dims.Count} dims; tensors have at most {ReaderLimits.MaxRank}");
        var shape = new int[dims.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            if (dims[i] < 0 || dims[i] > ReaderLimits.MaxDim)
                throw OnnxErrors.Malformed($"{label} has an invalid dimension {dims[i]}");
            shape[i] = (int)dims[i];
        }
        return shape;
    }

    private static long ElementCount(int[] shape, string label)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d != 0 && n > int.MaxValue / d)
                throw OnnxErrors.Malformed($"{label} claims more than {int.MaxValue} elements ([{string.Join("x", shape)}])");
            n *= d;
        }
        return n;
    }

    private static Array FromRaw(ByteString raw, DataType type, long count, string label)
    {
        if (type == DataType.String)
            throw OnnxErrors.Malformed($"{label} is a string tensor stored as raw bytes, which ONNX does not allow");
        long expected = count * type.SizeOf();
        if (raw.Length != expected)
            throw OnnxErrors.Malformed($"{label} holds {raw.Length} bytes of raw data but its shape and type ({type.OnnxName()}) need {expected}");
        var bytes = raw.Span;
        return type switch
        {
            DataType.Float32 => Cast<float>(bytes),
            DataType.Float64 => Cast<double>(bytes),
            DataType.Float16 => Cast<Half>(bytes),
            DataType.Int8 => Cast<sbyte>(bytes),
            DataType.UInt8 => bytes.ToArray(),
            DataType.Int16 => Cast<short>(bytes),
            DataType.UInt16 => Cast<ushort>(bytes),
            DataType.Int32 => Cast<int>(bytes),
            DataType.UInt32 => Cast<uint>(bytes),
            DataType.Int64 => Cast<long>(bytes),
            DataType.UInt64 => Cast<ulong>(bytes),
            DataType.Bool => ToBools(bytes),
            _ => throw OnnxErrors.Malformed($"{label} has element type {type}, which has no raw form"),
        };
    }

    // ONNX raw data is little endian, as is every host the toolkit runs on.
    private static T[] Cast<T>(ReadOnlySpan<byte> bytes) where T : unmanaged => MemoryMarshal.Cast<byte, T>(bytes).ToArray();

    private static bool[] ToBools(ReadOnlySpan<byte> bytes)
    {
        var r = new bool[bytes.Length];
        for (int i = 0; i < r.Length; i++) r[i] = bytes[i] != 0;
        return r;
    }

    private static Array FromTypedFields(TensorProto p, DataType type, long count, string label)
    {
        int available = type switch
        {
            DataType.Float32 => p.FloatData.Count,
            DataType.Float64 => p.DoubleData.Count,
            DataType.Int64 => p.Int64Data.Count,
            DataType.UInt32 or DataType.UInt64 => p.Uint64Data.Count,
            DataType.String => p.StringData.Count,
            _ => p.Int32Data.Count, // int8/uint8/int16/uint16/int32/bool/float16 bits all live in int32_data
        };
        if (available != count)
            throw OnnxErrors.Malformed($"{label} holds {available} values but its shape [{string.Join("x", p.Dims)}] needs {count}");

        var ints = p.Int32Data;
        return type switch
        {
            DataType.Float32 => p.FloatData.ToArray(),
            DataType.Float64 => p.DoubleData.ToArray(),
            DataType.Int64 => p.Int64Data.ToArray(),
            DataType.UInt64 => p.Uint64Data.ToArray(),
            DataType.UInt32 => p.Uint64Data.Select(v => (uint)v).ToArray(),
            DataType.String => p.StringData.Select(b => Encoding.UTF8.GetString(b.Span)).ToArray(),
            DataType.Int32 => ints.ToArray(),
            DataType.Int8 => ints.Select(v => (sbyte)v).ToArray(),
            DataType.UInt8 => ints.Select(v => (byte)v).ToArray(),
            DataType.Int16 => ints.Select(v => (short)v).ToArray(),
            DataType.UInt16 => ints.Select(v => (ushort)v).ToArray(),
            DataType.Bool => ints.Select(v => v != 0).ToArray(),
            DataType.Float16 => ints.Select(v => BitConverter.UInt16BitsToHalf((ushort)v)).ToArray(),
            _ => throw OnnxErrors.Malformed($"{label} has element type {type}, which has no typed field"),
        };
    }
}
