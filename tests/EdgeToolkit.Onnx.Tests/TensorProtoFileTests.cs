using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx.Tests;

public class TensorProtoFileTests
{
    public static TheoryData<Tensor> EveryType() => new()
    {
        Tensor.FromFloats(new[] { 2, 2 }, new[] { 1.5f, -2f, float.MaxValue, 0f }),
        new Tensor(DataType.Float64, new[] { 2 }, new[] { Math.PI, -1e300 }),
        new Tensor(DataType.Float16, new[] { 3 }, new[] { (Half)1.5, (Half)(-0.25), Half.MaxValue }),
        new Tensor(DataType.Int8, new[] { 3 }, new sbyte[] { -128, 0, 127 }),
        new Tensor(DataType.UInt8, new[] { 2 }, new byte[] { 0, 255 }),
        new Tensor(DataType.Int16, new[] { 2 }, new short[] { short.MinValue, 7 }),
        new Tensor(DataType.UInt16, new[] { 2 }, new ushort[] { ushort.MaxValue, 7 }),
        Tensor.FromInt32s(new[] { 1, 2 }, new[] { int.MinValue, 42 }),
        new Tensor(DataType.UInt32, new[] { 1 }, new[] { uint.MaxValue }),
        Tensor.FromInt64s(new[] { 2 }, new[] { long.MinValue, 1L << 40 }),
        new Tensor(DataType.UInt64, new[] { 1 }, new[] { ulong.MaxValue }),
        new Tensor(DataType.Bool, new[] { 3 }, new[] { true, false, true }),
        new Tensor(DataType.String, new[] { 2 }, new[] { "a\"b", "ü数" }),
        Tensor.Scalar(3f),
        Tensor.Zeros(DataType.Float32, new[] { 0, 4 }),
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Round_trips_every_element_type_through_a_file(Tensor t)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgetk-tensor-{Guid.NewGuid():N}.pb");
        try
        {
            TensorProtoFile.Write(path, "weights.0", t);
            var (name, back) = TensorProtoFile.Read(path);
            Assert.Equal("weights.0", name);
            Assert.Equal(t.Type, back.Type);
            Assert.Equal(t.Shape, back.Shape);
            Assert.Equal(t.Data, back.Data);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Writes_numbers_as_little_endian_raw_data()
    {
        var p = TensorProtoFile.ToProto("w", Tensor.FromInt32s(new[] { 2 }, new[] { 1, 0x01020304 }));
        Assert.Equal(new byte[] { 1, 0, 0, 0, 4, 3, 2, 1 }, p.RawData.ToByteArray());
        Assert.Equal((int)TensorProto.Types.DataType.Int32, p.DataType);
        Assert.Equal(new long[] { 2 }, p.Dims);
    }

    [Fact]
    public void Reads_the_typed_fields_of_every_type()
    {
        Assert.Equal(new[] { 1f, 2f }, Decode(1, p => p.FloatData.Add(new[] { 1f, 2f })).Data);
        Assert.Equal(new[] { 0.5, 2.0 }, Decode(11, p => p.DoubleData.Add(new[] { 0.5, 2.0 })).Data);
        Assert.Equal(new long[] { -5, 7 }, Decode(7, p => p.Int64Data.Add(new long[] { -5, 7 })).Data);
        Assert.Equal(new ulong[] { ulong.MaxValue, 1 }, Decode(13, p => p.Uint64Data.Add(new[] { ulong.MaxValue, 1UL })).Data);
        Assert.Equal(new uint[] { uint.MaxValue, 1 }, Decode(12, p => p.Uint64Data.Add(new ulong[] { uint.MaxValue, 1 })).Data);
        Assert.Equal(new[] { -3, 9 }, Decode(6, p => p.Int32Data.Add(new[] { -3, 9 })).Data);
        // int32_data carries the narrow types too, one value per entry.
        Assert.Equal(new sbyte[] { -128, 127 }, Decode(3, p => p.Int32Data.Add(new[] { -128, 127 })).Data);
        Assert.Equal(new byte[] { 0, 255 }, Decode(2, p => p.Int32Data.Add(new[] { 0, 255 })).Data);
        Assert.Equal(new short[] { -300, 300 }, Decode(5, p => p.Int32Data.Add(new[] { -300, 300 })).Data);
        Assert.Equal(new ushort[] { 65535, 1 }, Decode(4, p => p.Int32Data.Add(new[] { 65535, 1 })).Data);
        Assert.Equal(new[] { true, false }, Decode(9, p => p.Int32Data.Add(new[] { 1, 0 })).Data);
        // float16 as its bit pattern: 0x3C00 = 1.0, 0xC000 = -2.0 (IEEE 754 half).
        Assert.Equal(new[] { (Half)1.0, (Half)(-2.0) }, Decode(10, p => p.Int32Data.Add(new[] { 0x3C00, 0xC000 })).Data);
        Assert.Equal(new[] { "x", "yz" }, Decode(8, p => p.StringData.Add(new[] { ByteString.CopyFromUtf8("x"), ByteString.CopyFromUtf8("yz") })).Data);
    }

    private static Tensor Decode(int type, Action<TensorProto> fill)
    {
        var p = new TensorProto { DataType = type, Dims = { 2 } };
        fill(p);
        return TensorProtoFile.FromProto(p);
    }

    [Fact]
    public void Decodes_raw_float16_bits()
    {
        var p = new TensorProto { DataType = 10, Dims = { 2 }, RawData = ByteString.CopyFrom(0x00, 0x3C, 0x00, 0xC0) };
        Assert.Equal(new[] { (Half)1.0, (Half)(-2.0) }, TensorProtoFile.FromProto(p).Data);
    }

    [Fact]
    public void External_data_is_refused_with_a_hint_to_re_save()
    {
        var p = new TensorProto { Name = "w", DataType = 1, Dims = { 2 }, DataLocation = TensorProto.Types.DataLocation.External };
        p.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        var e = Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.FromProto(p));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("external", e.Message);
        Assert.Contains("save_as_external_data=False", e.Message);
    }

    [Fact]
    public void A_tensor_claiming_a_trillion_elements_fails_without_allocating()
    {
        var p = new TensorProto { Name = "huge", DataType = 1, Dims = { 1_000_000, 1_000_000 } };
        var e = Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.FromProto(p));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("'huge'", e.Message);
    }

    [Fact]
    public void Data_that_does_not_match_the_shape_is_an_error()
    {
        var raw = new TensorProto { Name = "r", DataType = 1, Dims = { 3 }, RawData = ByteString.CopyFrom(new byte[8]) };
        Assert.Contains("need 12", Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.FromProto(raw)).Message);
        var typed = new TensorProto { Name = "t", DataType = 1, Dims = { 3 }, FloatData = { 1f } };
        Assert.Contains("needs 3", Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.FromProto(typed)).Message);
        var negative = new TensorProto { Name = "n", DataType = 1, Dims = { -1 } };
        Assert.Equal(ErrorKind.BadInput, Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.FromProto(negative)).Kind);
    }

    [Fact]
    public void Types_the_toolkit_lacks_are_named_in_the_error()
    {
        var p = new TensorProto { Name = "b", DataType = 16, Dims = { 1 }, RawData = ByteString.CopyFrom(0, 0) };
        Assert.Contains("bfloat16", Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.FromProto(p)).Message);
    }

    [Fact]
    public void A_missing_tensor_file_is_bad_input_naming_it()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => TensorProtoFile.Read("/nonexistent/input_0.pb"));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("/nonexistent/input_0.pb", e.File);
    }
}
