using System.Runtime.InteropServices;
using System.Text;
using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// Tensors as ONNX TensorProto messages: the .pb files of ONNX test cases, and the one conversion
/// path the importer and exporter share for initializers and tensor attributes.
/// </summary>
public static class TensorProtoFile
{
    /// <summary>Reads a serialized TensorProto (e.g. test_data_set_0/input_0.pb).</summary>
    public static (string Name, Tensor Value) Read(string path)
    {
        var bytes = FileBytes.Read(path, "tensor file");
        TensorProto p;
        try { p = TensorProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the file is not a valid ONNX TensorProto: {e.Message}", file: path,
                hint: "tensor files hold one serialized onnx.TensorProto (numpy_helper.from_array(...).SerializeToString())", inner: e);
        }
        try { return (p.Name, FromProto(p)); }
        catch (EdgeToolkitException e) { throw OnnxErrors.Locate(e, path); }
    }

    /// <summary>Decodes any storage form (raw_data or typed fields). Throws BadInput on malformed data.</summary>
    public static Tensor FromProto(TensorProto p) => TensorDataDecoder.Decode(p);

    /// <summary>Encodes a tensor; numbers go to raw_data (little endian), strings to string_data.</summary>
    public static TensorProto ToProto(string name, Tensor t)
    {
        var p = new TensorProto { Name = name, DataType = (int)t.Type };
        foreach (var d in t.Shape) p.Dims.Add(d);
        switch (t.Data)
        {
            case string[] strings:
                foreach (var s in strings) p.StringData.Add(ByteString.CopyFrom(Encoding.UTF8.GetBytes(s)));
                break;
            case bool[] bools:
                p.RawData = ByteString.CopyFrom(bools.Select(b => b ? (byte)1 : (byte)0).ToArray());
                break;
            default:
                p.RawData = ByteString.CopyFrom(RawBytes(t.Data));
                break;
        }
        return p;
    }

    /// <summary>Writes a serialized TensorProto, through a temporary file so a failure leaves nothing half-written.</summary>
    public static void Write(string path, string name, Tensor t) => FileBytes.WriteAtomically(path, ToProto(name, t).ToByteArray());

    private static byte[] RawBytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        byte[] a => (byte[])a.Clone(),
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        _ => throw new ArgumentException($"cannot encode a tensor holding {data.GetType().Name}"),
    };
}
