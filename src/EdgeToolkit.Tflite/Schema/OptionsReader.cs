namespace EdgeToolkit.Tflite.Schema;

/// <summary>
/// Reads the builtin options table of the ops the importer maps into the records of
/// OperatorOptions.cs. The union's type tag is checked against the op, so a table of another
/// kind is never read with the wrong field numbers.
/// </summary>
internal static class OptionsReader
{
    /// <summary>Expected BuiltinOptions union tag (schema.fbs order, from 1) and reader, per op.</summary>
    private static readonly Dictionary<BuiltinOperator, (byte Tag, Func<FlatTable?, object> Read)> Readers = new()
    {
        [BuiltinOperator.CONV_2D] = (1, t => new Conv2DOptions((Padding)Get(t, o => o.SByte(0)), Get(t, o => o.Int(1)), Get(t, o => o.Int(2)),
            (FusedActivation)Get(t, o => o.SByte(3)), Get(t, o => o.Int(4, 1), 1), Get(t, o => o.Int(5, 1), 1))),
        [BuiltinOperator.DEPTHWISE_CONV_2D] = (2, t => new DepthwiseConv2DOptions((Padding)Get(t, o => o.SByte(0)), Get(t, o => o.Int(1)),
            Get(t, o => o.Int(2)), Get(t, o => o.Int(3)), (FusedActivation)Get(t, o => o.SByte(4)), Get(t, o => o.Int(5, 1), 1), Get(t, o => o.Int(6, 1), 1))),
        [BuiltinOperator.AVERAGE_POOL_2D] = (5, ReadPool),
        [BuiltinOperator.MAX_POOL_2D] = (5, ReadPool),
        [BuiltinOperator.FULLY_CONNECTED] = (8, t => new FullyConnectedOptions((FusedActivation)Get(t, o => o.SByte(0)),
            Get(t, o => o.SByte(1)), Get(t, o => o.Bool(2)))),
        // An absent SoftmaxOptions table means the plain softmax; a present one stores beta (0 when omitted, its schema default).
        [BuiltinOperator.SOFTMAX] = (9, t => new SoftmaxOptions(Get(t, o => o.Float(0), 1f))),
        [BuiltinOperator.CONCATENATION] = (10, t => new ConcatenationOptions(Get(t, o => o.Int(0)), (FusedActivation)Get(t, o => o.SByte(1)))),
        [BuiltinOperator.ADD] = (11, ReadArithmetic),
        [BuiltinOperator.MUL] = (21, ReadArithmetic),
        [BuiltinOperator.SUB] = (28, ReadArithmetic),
        [BuiltinOperator.DIV] = (29, ReadArithmetic),
        [BuiltinOperator.MEAN] = (27, t => new ReducerOptions(Get(t, o => o.Bool(0)))),
        [BuiltinOperator.LEAKY_RELU] = (75, t => new LeakyReluOptions(Get(t, o => o.Float(0)))),
    };

    /// <summary>The options of `op` from the Operator table's union (type tag, value), or null for ops without mapped options.</summary>
    public static object? Read(BuiltinOperator op, byte tag, FlatTable? table, Func<string, Exception> corrupt)
    {
        if (!Readers.TryGetValue(op, out var reader)) return null;
        if (table != null && tag != reader.Tag)
            throw corrupt($"{op} carries builtin options of union type {tag}, not {reader.Tag}");
        return reader.Read(table);
    }

    private static object ReadPool(FlatTable? t) => new Pool2DOptions((Padding)Get(t, o => o.SByte(0)), Get(t, o => o.Int(1)),
        Get(t, o => o.Int(2)), Get(t, o => o.Int(3)), Get(t, o => o.Int(4)), (FusedActivation)Get(t, o => o.SByte(5)));

    private static object ReadArithmetic(FlatTable? t) => new ArithmeticOptions((FusedActivation)Get(t, o => o.SByte(0)));

    /// <summary>A field of a possibly absent table; absent tables give the schema default.</summary>
    private static T Get<T>(FlatTable? table, Func<FlatTable, T> field, T dflt = default!) where T : struct =>
        table is { } t ? field(t) : dflt;
}
