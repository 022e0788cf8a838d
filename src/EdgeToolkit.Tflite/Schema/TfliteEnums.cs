namespace EdgeToolkit.Tflite.Schema;

/// <summary>schema.fbs TensorType (the values are the file's).</summary>
public enum TensorType : sbyte
{
    Float32 = 0, Float16 = 1, Int32 = 2, UInt8 = 3, Int64 = 4, String = 5, Bool = 6, Int16 = 7, Complex64 = 8, Int8 = 9,
    Float64 = 10, Complex128 = 11, UInt64 = 12, Resource = 13, Variant = 14, UInt32 = 15, UInt16 = 16, Int4 = 17,
}

/// <summary>schema.fbs ActivationFunctionType: the activation fused into an op's output.</summary>
public enum FusedActivation : sbyte { None = 0, Relu = 1, ReluN1To1 = 2, Relu6 = 3, Tanh = 4, SignBit = 5 }

/// <summary>schema.fbs Padding.</summary>
public enum Padding : sbyte { Same = 0, Valid = 1 }
