namespace EdgeToolkit.Graph;

/// <summary>Element types. Numbering follows ONNX TensorProto.DataType so conversion is a cast.</summary>
public enum DataType
{
    Undefined = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    /// <summary>Recognised so errors can name it; no operator computes on it.</summary>
    BFloat16 = 16,
}

public static class DataTypeInfo
{
    public static int SizeOf(this DataType t) => t switch
    {
        DataType.Float32 or DataType.Int32 or DataType.UInt32 => 4,
        DataType.UInt8 or DataType.Int8 or DataType.Bool => 1,
        DataType.UInt16 or DataType.Int16 or DataType.Float16 => 2,
        DataType.Int64 or DataType.Float64 or DataType.UInt64 => 8,
        _ => throw new ArgumentException($"type {t} has no fixed size"),
    };

    /// <summary>Name as ONNX spells it in type constraints, e.g. "float", "int64".</summary>
    public static string OnnxName(this DataType t) => t switch
    {
        DataType.Float32 => "float",
        DataType.UInt8 => "uint8",
        DataType.Int8 => "int8",
        DataType.UInt16 => "uint16",
        DataType.Int16 => "int16",
        DataType.Int32 => "int32",
        DataType.Int64 => "int64",
        DataType.String => "string",
        DataType.Bool => "bool",
        DataType.Float16 => "float16",
        DataType.Float64 => "double",
        DataType.UInt32 => "uint32",
        DataType.UInt64 => "uint64",
        _ => "undefined",
    };

    /// <summary>The C type the generator uses for it.</summary>
    public static string CType(this DataType t) => t switch
    {
        DataType.Float32 => "float",
        DataType.UInt8 => "uint8_t",
        DataType.Int8 => "int8_t",
        DataType.Int16 => "int16_t",
        DataType.UInt16 => "uint16_t",
        DataType.Int32 => "int32_t",
        DataType.UInt32 => "uint32_t",
        DataType.Int64 => "int64_t",
        DataType.UInt64 => "uint64_t",
        DataType.Bool => "uint8_t",
        DataType.Float64 => "double",
        _ => throw new ArgumentException($"type {t} has no C type"),
    };

    public static bool IsFloat(this DataType t) => t is DataType.Float32 or DataType.Float64 or DataType.Float16;
    public static bool IsInteger(this DataType t) => t is DataType.UInt8 or DataType.Int8 or DataType.UInt16 or DataType.Int16
        or DataType.Int32 or DataType.Int64 or DataType.UInt32 or DataType.UInt64;
}
