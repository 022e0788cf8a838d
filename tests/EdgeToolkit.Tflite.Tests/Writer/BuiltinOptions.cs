using EdgeToolkit.Tflite.Schema;
using Google.FlatBuffers;

namespace EdgeToolkit.Tflite.Tests.Writer;

/// <summary>One builtin options table: its BuiltinOptions union tag (schema.fbs order, from 1) and its fields.</summary>
public sealed class BuiltinOptions
{
    public byte UnionType { get; }
    private readonly Action<FlatBufferBuilder> _fields;
    private readonly Action<FlatBufferBuilder>? _before;
    private readonly int _fieldCount;

    private BuiltinOptions(byte unionType, int fieldCount, Action<FlatBufferBuilder> fields, Action<FlatBufferBuilder>? before = null)
    {
        UnionType = unionType; _fieldCount = fieldCount; _fields = fields; _before = before;
    }

    public int Write(FlatBufferBuilder b)
    {
        _before?.Invoke(b);
        b.StartTable(_fieldCount);
        _fields(b);
        return b.EndTable();
    }

    public static BuiltinOptions Conv2D(Padding padding, int stride, FusedActivation act) => new(1, 6, b =>
    {
        b.AddSbyte(0, (sbyte)padding, 0); b.AddInt(1, stride, 0); b.AddInt(2, stride, 0); b.AddSbyte(3, (sbyte)act, 0);
        b.AddInt(4, 1, 1); b.AddInt(5, 1, 1);
    });

    public static BuiltinOptions DepthwiseConv2D(Padding padding, int stride, int multiplier, FusedActivation act) => new(2, 7, b =>
    {
        b.AddSbyte(0, (sbyte)padding, 0); b.AddInt(1, stride, 0); b.AddInt(2, stride, 0); b.AddInt(3, multiplier, 0);
        b.AddSbyte(4, (sbyte)act, 0);
    });

    public static BuiltinOptions Pool2D(Padding padding, int stride, int filter, FusedActivation act = FusedActivation.None) => new(5, 6, b =>
    {
        b.AddSbyte(0, (sbyte)padding, 0); b.AddInt(1, stride, 0); b.AddInt(2, stride, 0); b.AddInt(3, filter, 0); b.AddInt(4, filter, 0);
        b.AddSbyte(5, (sbyte)act, 0);
    });

    public static BuiltinOptions FullyConnected(FusedActivation act = FusedActivation.None) => new(8, 4, b => b.AddSbyte(0, (sbyte)act, 0));
    public static BuiltinOptions Softmax(float beta) => new(9, 1, b => b.AddFloat(0, beta, 0));
    public static BuiltinOptions Concatenation(int axis, FusedActivation act = FusedActivation.None) => new(10, 2, b =>
    {
        b.AddInt(0, axis, 0); b.AddSbyte(1, (sbyte)act, 0);
    });
    public static BuiltinOptions Add(FusedActivation act = FusedActivation.None) => new(11, 2, b => b.AddSbyte(0, (sbyte)act, 0));
    public static BuiltinOptions Mul(FusedActivation act = FusedActivation.None) => new(21, 1, b => b.AddSbyte(0, (sbyte)act, 0));
    public static BuiltinOptions Sub(FusedActivation act = FusedActivation.None) => new(28, 2, b => b.AddSbyte(0, (sbyte)act, 0));
    public static BuiltinOptions Reducer(bool keepDims) => new(27, 1, b => b.AddBool(0, keepDims, false));

    /// <summary>ReshapeOptions.new_shape: a vector, so it is written before its table starts.</summary>
    public static BuiltinOptions Reshape(int[] shape)
    {
        int vector = 0;
        return new(17, 1, b => b.AddOffset(0, vector, 0), b =>
        {
            b.StartVector(4, shape.Length, 4);
            b.Add(shape);
            vector = b.EndVector().Value;
        });
    }
}
