namespace EdgeToolkit.Tflite.Schema;

/// <summary>
/// The part of a .tflite file the importer uses, copied out of the flatbuffer by TfliteReader so
/// that conversion never touches raw bytes. Field meanings follow schema.fbs.
/// </summary>
public sealed record TfliteModelFile(uint Version, string? Description, IReadOnlyList<TfliteOperatorCode> OperatorCodes,
    IReadOnlyList<TfliteSubgraph> Subgraphs, IReadOnlyList<ArraySegment<byte>> Buffers);

/// <summary>Which operator an Operator runs: a builtin, or CUSTOM with the custom code's name.</summary>
public sealed record TfliteOperatorCode(BuiltinOperator Builtin, string? CustomCode, int Version)
{
    /// <summary>The op as users know it: "CONV_2D", "CUSTOM 'TFLite_Detection_PostProcess'", or a number past the known names.</summary>
    public string DisplayName => Builtin == BuiltinOperator.CUSTOM ? $"CUSTOM '{CustomCode}'"
        : Enum.IsDefined(Builtin) ? Builtin.ToString() : $"builtin op {(int)Builtin}";
}

public sealed record TfliteSubgraph(string? Name, IReadOnlyList<TfliteTensor> Tensors, int[] Inputs, int[] Outputs,
    IReadOnlyList<TfliteOperator> Operators);

/// <param name="Buffer">Index into the model's buffers; 0 (the empty sentinel) for tensors computed at run time.</param>
/// <param name="ShapeSignature">The shape with -1 where a dim is dynamic; empty when the converter wrote none.</param>
public sealed record TfliteTensor(int Index, string Name, int[] Shape, TensorType Type, uint Buffer, TfliteQuantization? Quantization,
    int[] ShapeSignature, bool IsVariable, bool IsSparse)
{
    public int Rank => Shape.Length;
    public bool IsQuantized => Quantization is { Scales.Length: > 0 };
}

/// <summary>real = Scales[c] * (q - ZeroPoints[c]); one entry per tensor, or one per slice along Axis.</summary>
/// <param name="HasCustomDetails">The tensor uses a custom quantization scheme (QuantizationDetails) instead of scale/zero point.</param>
public sealed record TfliteQuantization(float[] Scales, long[] ZeroPoints, int Axis, bool HasCustomDetails)
{
    public bool PerChannel => Scales.Length > 1;
}

/// <param name="Index">The operator's position in the subgraph (execution order), for error messages.</param>
/// <param name="Inputs">Tensor indices; -1 marks an omitted optional input.</param>
/// <param name="Options">The builtin options record of the ops the importer maps (OperatorOptions.cs), else null.</param>
public sealed record TfliteOperator(int Index, TfliteOperatorCode Code, int[] Inputs, int[] Outputs, object? Options);
