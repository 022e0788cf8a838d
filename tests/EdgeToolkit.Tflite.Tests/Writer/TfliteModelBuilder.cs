using EdgeToolkit.Tflite.Schema;
using Google.FlatBuffers;

namespace EdgeToolkit.Tflite.Tests.Writer;

/// <summary>Scale/zero point of a test tensor; Axis is TFLite's quantized_dimension (per-channel when Scales has several).</summary>
public sealed record Quant(float[] Scales, long[] ZeroPoints, int Axis = 0)
{
    public static Quant PerTensor(float scale, long zeroPoint) => new(new[] { scale }, new[] { zeroPoint });
}

/// <summary>
/// Writes .tflite flatbuffers with FlatBufferBuilder, field by field from schema.fbs (written
/// apart from the importer's reader, so a slot numbered wrongly on one side shows up in the
/// tests): one subgraph, buffer 0 the empty sentinel, one buffer per constant tensor.
/// </summary>
public sealed class TfliteModelBuilder
{
    private sealed record TensorSpec(string Name, int[] Shape, TensorType Type, byte[]? Data, Quant? Quant, int[]? Signature = null);
    private sealed record OperatorSpec(BuiltinOperator Op, int[] Inputs, int[] Outputs, BuiltinOptions? Options, string? CustomCode);

    private readonly List<TensorSpec> _tensors = new();
    private readonly List<OperatorSpec> _operators = new();
    private int[] _inputs = Array.Empty<int>(), _outputs = Array.Empty<int>();
    public int SubgraphCopies { get; set; } = 1;
    public uint Version { get; set; } = 3;

    public int Tensor(string name, int[] shape, TensorType type, Quant? quant = null, int[]? shapeSignature = null) =>
        Add(new TensorSpec(name, shape, type, null, quant, shapeSignature));

    public int Constant(string name, int[] shape, float[] values) => Add(new TensorSpec(name, shape, TensorType.Float32, Bytes(values), null));
    public int Constant(string name, int[] shape, sbyte[] values, Quant quant) => Add(new TensorSpec(name, shape, TensorType.Int8, Bytes(values), quant));
    public int Constant(string name, int[] shape, byte[] values, Quant quant) => Add(new TensorSpec(name, shape, TensorType.UInt8, (byte[])values.Clone(), quant));
    public int Constant(string name, int[] shape, int[] values, Quant? quant = null) => Add(new TensorSpec(name, shape, TensorType.Int32, Bytes(values), quant));

    public void Operator(BuiltinOperator op, int[] inputs, int[] outputs, BuiltinOptions? options = null) =>
        _operators.Add(new OperatorSpec(op, inputs, outputs, options, null));

    public void CustomOperator(string code, int[] inputs, int[] outputs) =>
        _operators.Add(new OperatorSpec(BuiltinOperator.CUSTOM, inputs, outputs, null, code));

    public void Inputs(params int[] tensors) => _inputs = tensors;
    public void Outputs(params int[] tensors) => _outputs = tensors;

    public byte[] Build()
    {
        var b = new FlatBufferBuilder(1024);
        var codes = _operators.Select(o => (o.Op, o.CustomCode)).Distinct().ToList();
        var buffers = new List<int> { Buffer(b, null) };
        var tensorBuffers = _tensors.Select(t => t.Data == null ? 0u : (uint)AddTo(buffers, Buffer(b, t.Data))).ToArray();
        var subgraphs = Enumerable.Range(0, SubgraphCopies).Select(_ => Subgraph(b, codes, tensorBuffers)).ToArray();
        var codeTables = codes.Select(c => OperatorCode(b, c.Op, c.CustomCode)).ToArray();
        var description = b.CreateString("EdgeToolkit test model");

        var codeVector = Tables(b, codeTables);
        var subgraphVector = Tables(b, subgraphs);
        var bufferVector = Tables(b, buffers.ToArray());
        b.StartTable(5);
        b.AddUint(0, Version, 0);
        b.AddOffset(1, codeVector, 0);
        b.AddOffset(2, subgraphVector, 0);
        b.AddOffset(3, description.Value, 0);
        b.AddOffset(4, bufferVector, 0);
        b.Finish(b.EndTable(), "TFL3");
        return b.SizedByteArray();
    }

    private int Add(TensorSpec t) { _tensors.Add(t); return _tensors.Count - 1; }
    private static int AddTo(List<int> list, int value) { list.Add(value); return list.Count - 1; }

    private int Subgraph(FlatBufferBuilder b, List<(BuiltinOperator Op, string? CustomCode)> codes, uint[] tensorBuffers)
    {
        var tensors = _tensors.Select((t, i) => TensorTable(b, t, tensorBuffers[i])).ToArray();
        var operators = _operators.Select(o => OperatorTable(b, o, codes.IndexOf((o.Op, o.CustomCode)))).ToArray();
        var tensorVector = Tables(b, tensors);
        var inputs = Ints(b, _inputs);
        var outputs = Ints(b, _outputs);
        var operatorVector = Tables(b, operators);
        var name = b.CreateString("main");
        b.StartTable(5);
        b.AddOffset(0, tensorVector, 0);
        b.AddOffset(1, inputs, 0);
        b.AddOffset(2, outputs, 0);
        b.AddOffset(3, operatorVector, 0);
        b.AddOffset(4, name.Value, 0);
        return b.EndTable();
    }

    private static int TensorTable(FlatBufferBuilder b, TensorSpec t, uint buffer)
    {
        var shape = Ints(b, t.Shape);
        var signature = t.Signature != null ? Ints(b, t.Signature) : 0;
        var name = b.CreateString(t.Name);
        int quant = 0;
        if (t.Quant != null)
        {
            var scales = Vector(b, t.Quant.Scales, 4);
            var zeroPoints = Vector(b, t.Quant.ZeroPoints, 8);
            b.StartTable(7);
            b.AddOffset(2, scales, 0);
            b.AddOffset(3, zeroPoints, 0);
            b.AddInt(6, t.Quant.Axis, 0);
            quant = b.EndTable();
        }
        b.StartTable(8);
        b.AddOffset(0, shape, 0);
        b.AddSbyte(1, (sbyte)t.Type, 0);
        b.AddUint(2, buffer, 0);
        b.AddOffset(3, name.Value, 0);
        if (quant != 0) b.AddOffset(4, quant, 0);
        if (signature != 0) b.AddOffset(7, signature, 0);
        return b.EndTable();
    }

    private static int OperatorTable(FlatBufferBuilder b, OperatorSpec o, int codeIndex)
    {
        var inputs = Ints(b, o.Inputs);
        var outputs = Ints(b, o.Outputs);
        int options = o.Options?.Write(b) ?? 0;
        b.StartTable(5);
        b.AddUint(0, (uint)codeIndex, 0);
        b.AddOffset(1, inputs, 0);
        b.AddOffset(2, outputs, 0);
        if (o.Options != null)
        {
            b.AddByte(3, o.Options.UnionType, 0);
            b.AddOffset(4, options, 0);
        }
        return b.EndTable();
    }

    private static int OperatorCode(FlatBufferBuilder b, BuiltinOperator op, string? customCode)
    {
        var custom = customCode != null ? b.CreateString(customCode).Value : 0;
        b.StartTable(4);
        b.AddSbyte(0, (sbyte)Math.Min((int)op, 127), 0);   // what readers before schema 3a see
        if (custom != 0) b.AddOffset(1, custom, 0);
        b.AddInt(2, 1, 1);
        b.AddInt(3, (int)op, 0);
        return b.EndTable();
    }

    private static int Buffer(FlatBufferBuilder b, byte[]? data)
    {
        int vector = 0;
        if (data != null)
        {
            b.StartVector(1, data.Length, 16);
            b.Add(data);
            vector = b.EndVector().Value;
        }
        b.StartTable(3);
        if (vector != 0) b.AddOffset(0, vector, 0);
        return b.EndTable();
    }

    private static int Ints(FlatBufferBuilder b, int[] values) => Vector(b, values, 4);

    private static int Vector<T>(FlatBufferBuilder b, T[] values, int size) where T : struct
    {
        b.StartVector(size, values.Length, size);
        if (values.Length > 0) b.Add(values);
        return b.EndVector().Value;
    }

    private static int Tables(FlatBufferBuilder b, int[] tables)
    {
        b.StartVector(4, tables.Length, 4);
        for (int i = tables.Length - 1; i >= 0; i--) b.AddOffset(tables[i]);
        return b.EndVector().Value;
    }

    private static byte[] Bytes<T>(T[] values) where T : struct
    {
        var bytes = new byte[System.Runtime.InteropServices.Marshal.SizeOf<T>() * values.Length];
        System.Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
