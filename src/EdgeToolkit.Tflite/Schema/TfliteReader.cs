using EdgeToolkit.Graph;
using Google.FlatBuffers;

namespace EdgeToolkit.Tflite.Schema;

/// <summary>
/// Copies the tables the importer needs out of a .tflite flatbuffer (schema.fbs, file identifier
/// TFL3) and checks that every index in them points somewhere. Truncated or garbage bytes end as
/// a BadInput error naming the file, never as an exception from the FlatBuffers runtime.
/// </summary>
public static class TfliteReader
{
    private const string Identifier = "TFL3";

    public static TfliteModelFile Read(byte[] bytes, string file)
    {
        if (bytes.Length < 8) throw TfliteErrors.NotAModel(file, $"it is {bytes.Length} bytes long, too short for a flatbuffer");
        var buffer = new ByteBuffer(bytes);
        if (!Table.__has_identifier(buffer, Identifier))
            throw TfliteErrors.NotAModel(file, $"it lacks the TFLite file identifier '{Identifier}' at byte 4");
        try
        {
            int root = buffer.GetInt(0);
            var model = new FlatTable(root, buffer);
            var codes = ReadList(model, 1, ReadOperatorCode);
            var buffers = ReadList(model, 4, b => ReadBuffer(b, bytes, file));
            var subgraphs = ReadList(model, 2, s => ReadSubgraph(s, codes, buffers.Count, file));
            return new TfliteModelFile(model.UInt(0), model.String(3), codes, subgraphs, buffers);
        }
        catch (ArgumentOutOfRangeException e) { throw TfliteErrors.Corrupt(file, "a table or vector points past the end of the file", e); }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException or System.Text.DecoderFallbackException)
        {
            throw TfliteErrors.Corrupt(file, e.Message, e);
        }
    }

    private static List<T> ReadList<T>(FlatTable table, int field, Func<FlatTable, T> read)
    {
        int n = table.VectorLength(field);
        var list = new List<T>(Math.Min(n, 4096));
        for (int i = 0; i < n; i++) list.Add(read(table.TableAt(field, i)));
        return list;
    }

    private static TfliteOperatorCode ReadOperatorCode(FlatTable t)
    {
        // deprecated_builtin_code (a byte) is all that files before schema 3a have; later files write the
        // larger of the two. TFLite itself takes the maximum, and so does this.
        int code = Math.Max(t.SByte(0), t.Int(3));
        return new TfliteOperatorCode((BuiltinOperator)code, t.String(1), t.Int(2, 1));
    }

    private static ArraySegment<byte> ReadBuffer(FlatTable t, byte[] file, string name)
    {
        ulong offset = t.ULong(1), size = t.ULong(2);
        // Models over 2 GB keep their constants after the flatbuffer: offset (from the file start) > 1.
        if (offset <= 1) return t.ByteVector(0);
        if (offset > (ulong)file.Length || size > (ulong)file.Length - offset)
            throw TfliteErrors.Corrupt(name, $"a buffer of {size} bytes at offset {offset} runs past the end of the {file.Length}-byte file");
        return new ArraySegment<byte>(file, (int)offset, (int)size);
    }

    private static TfliteSubgraph ReadSubgraph(FlatTable s, IReadOnlyList<TfliteOperatorCode> codes, int bufferCount, string file)
    {
        int index = 0;
        var tensors = ReadList(s, 0, t => ReadTensor(t, index++, bufferCount, file));
        int[] inputs = s.Scalars<int>(1), outputs = s.Scalars<int>(2);
        CheckTensorIndices(inputs, tensors.Count, "subgraph inputs", file, allowOmitted: false);
        CheckTensorIndices(outputs, tensors.Count, "subgraph outputs", file, allowOmitted: false);
        int opIndex = 0;
        var operators = ReadList(s, 3, o => ReadOperator(o, opIndex++, codes, tensors.Count, file));
        return new TfliteSubgraph(s.String(4), tensors, inputs, outputs, operators);
    }

    private static TfliteTensor ReadTensor(FlatTable t, int index, int bufferCount, string file)
    {
        uint buffer = t.UInt(2);
        if (buffer >= bufferCount)
            throw TfliteErrors.Corrupt(file, $"tensor {index} refers to buffer {buffer}, but the model has {bufferCount}");
        return new TfliteTensor(index, t.String(3) ?? "", t.Scalars<int>(0), (TensorType)t.SByte(1), buffer,
            t.Table(4) is { } q ? ReadQuantization(q, index, file) : null, t.Scalars<int>(7), t.Bool(5), t.Has(6));
    }

    private static TfliteQuantization? ReadQuantization(FlatTable q, int tensor, string file)
    {
        float[] scales = q.Scalars<float>(2);
        long[] zeroPoints = q.Scalars<long>(3);
        bool custom = q.Byte(4) != 0;
        if (scales.Length == 0 && !custom) return null;   // min/max only: not quantized
        if (zeroPoints.Length != scales.Length)
            throw TfliteErrors.Corrupt(file, $"tensor {tensor} has {scales.Length} quantization scales but {zeroPoints.Length} zero points");
        return new TfliteQuantization(scales, zeroPoints, q.Int(6), custom);
    }

    private static TfliteOperator ReadOperator(FlatTable o, int index, IReadOnlyList<TfliteOperatorCode> codes, int tensorCount, string file)
    {
        uint codeIndex = o.UInt(0);
        if (codeIndex >= codes.Count)
            throw TfliteErrors.Corrupt(file, $"operator {index} uses operator code {codeIndex}, but the model lists {codes.Count}");
        var code = codes[(int)codeIndex];
        int[] inputs = o.Scalars<int>(1), outputs = o.Scalars<int>(2);
        CheckTensorIndices(inputs, tensorCount, $"operator {index}'s inputs", file, allowOmitted: true);
        CheckTensorIndices(outputs, tensorCount, $"operator {index}'s outputs", file, allowOmitted: false);
        var options = OptionsReader.Read(code.Builtin, o.Byte(3), o.Table(4),
            problem => TfliteErrors.Corrupt(file, $"operator {index}: {problem}"));
        return new TfliteOperator(index, code, inputs, outputs, options);
    }

    private static void CheckTensorIndices(int[] indices, int count, string what, string file, bool allowOmitted)
    {
        foreach (var i in indices)
            if (i >= count || i < (allowOmitted ? -1 : 0))
                throw TfliteErrors.Corrupt(file, $"{what} name tensor {i}, but the subgraph has {count} tensors");
    }
}
