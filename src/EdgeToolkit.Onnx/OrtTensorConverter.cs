using System.Runtime.InteropServices;
using EdgeToolkit.Graph;
using Microsoft.ML.OnnxRuntime;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;
using Tensor = EdgeToolkit.Graph.Tensor;

namespace EdgeToolkit.Onnx;

/// <summary>Tensor <-> OrtValue, copying both ways so ORT never holds on to a managed array.</summary>
internal static class OrtTensorConverter
{
    /// <summary>
    /// A copy in ORT-owned memory with the element type stated explicitly (inferring it from the
    /// CLR array type confused uint8 with int8 in this ORT version).
    /// </summary>
    public static OrtValue ToOrtValue(Tensor t)
    {
        var shape = t.Shape.Select(d => (long)d).ToArray();
        if (t.Data is string[] strings) return StringTensor(strings, shape);
        if (t.Type == DataType.Undefined || t.Type == DataType.String)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"ONNX Runtime cannot take a tensor of {t.Type}");
        var v = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)(int)t.Type, shape);
        RawBytes(t.Data).CopyTo(v.GetTensorMutableRawData());
        return v;
    }

    private static ReadOnlySpan<byte> RawBytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"ONNX Runtime cannot take a tensor holding {data.GetType().Name}"),
    };

    private static OrtValue StringTensor(string[] strings, long[] shape)
    {
        var v = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        for (int i = 0; i < strings.Length; i++) v.StringTensorSetElementAt(strings[i].AsSpan(), i);
        return v;
    }

    public static Tensor FromOrtValue(string name, OrtValue v)
    {
        if (v.OnnxType != OnnxValueType.ONNX_TYPE_TENSOR)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"ONNX Runtime output '{name}' is a {v.OnnxType}, only tensors are supported");
        var info = v.GetTensorTypeAndShape();
        var shape = info.Shape.Select(d => checked((int)d)).ToArray();
        Array data = info.ElementDataType switch
        {
            TensorElementType.Float => v.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => v.GetTensorDataAsSpan<double>().ToArray(),
            TensorElementType.Float16 => MemoryMarshal.Cast<Float16, Half>(v.GetTensorDataAsSpan<Float16>()).ToArray(),
            TensorElementType.Int8 => v.GetTensorDataAsSpan<sbyte>().ToArray(),
            TensorElementType.UInt8 => v.GetTensorDataAsSpan<byte>().ToArray(),
            TensorElementType.Int16 => v.GetTensorDataAsSpan<short>().ToArray(),
            TensorElementType.UInt16 => v.GetTensorDataAsSpan<ushort>().ToArray(),
            TensorElementType.Int32 => v.GetTensorDataAsSpan<int>().ToArray(),
            TensorElementType.UInt32 => v.GetTensorDataAsSpan<uint>().ToArray(),
            TensorElementType.Int64 => v.GetTensorDataAsSpan<long>().ToArray(),
            TensorElementType.UInt64 => v.GetTensorDataAsSpan<ulong>().ToArray(),
            TensorElementType.Bool => v.GetTensorDataAsSpan<bool>().ToArray(),
            TensorElementType.String => v.GetStringTensorAsArray(),
            var other => throw new EdgeToolkitException(ErrorKind.BadInput, $"ONNX Runtime output '{name}' has element type {other}, which EdgeToolkit does not support"),
        };
        return new Tensor((DataType)(int)info.ElementDataType, shape, data);
    }
}
