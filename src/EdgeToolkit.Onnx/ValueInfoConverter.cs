using EdgeToolkit.Graph;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>ValueInfoProto <-> ValueInfo (element type and possibly symbolic shape).</summary>
internal static class ValueInfoConverter
{
    /// <summary>
    /// Non-tensor values (sequences, maps, optionals) and element types the toolkit lacks become
    /// Undefined with unknown rank: the model still loads for inspection, and the operator
    /// checks later say precisely what is unsupported.
    /// </summary>
    public static ValueInfo FromProto(ValueInfoProto v)
    {
        if (v.Type?.ValueCase != TypeProto.ValueOneofCase.TensorType)
            return new ValueInfo(v.Name, DataType.Undefined, SymShape.UnknownRank);
        var tensor = v.Type.TensorType;
        var type = OnnxTypes.TryMap(tensor.ElemType) ?? DataType.Undefined;
        if (tensor.Shape?.Dim.Count > ReaderLimits.MaxRank)
            throw OnnxErrors.Malformed($"value '{v.Name}' declares rank {tensor.Shape.Dim.Count}; tensors have at most {ReaderLimits.MaxRank} dims");
        if (tensor.Shape?.Dim.FirstOrDefault(d => d.DimValue > ReaderLimits.MaxDim) is { } huge)
            throw OnnxErrors.Malformed($"value '{v.Name}' declares a dim of {huge.DimValue}; EdgeToolkit handles dims up to {ReaderLimits.MaxDim}");
        return new ValueInfo(v.Name, type, ShapeOf(tensor.Shape));
    }

    private static SymShape ShapeOf(TensorShapeProto? shape) =>
        shape == null ? SymShape.UnknownRank : new SymShape(shape.Dim.Select(DimOf));

    private static Dim DimOf(TensorShapeProto.Types.Dimension d) => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue when d.DimValue >= 0 => Dim.Of(d.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam when d.DimParam.Length > 0 => Dim.Sym(d.DimParam),
        _ => Dim.Unknown,
    };

    public static ValueInfoProto ToProto(ValueInfo v)
    {
        var p = new ValueInfoProto { Name = v.Name };
        if (v.Type == DataType.Undefined) return p;
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)v.Type };
        if (v.Shape.Dims != null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in v.Shape.Dims) tensor.Shape.Dim.Add(DimToProto(d));
        }
        p.Type = new TypeProto { TensorType = tensor };
        return p;
    }

    private static TensorShapeProto.Types.Dimension DimToProto(Dim d) =>
        d.IsKnown ? new() { DimValue = d.Value }
        : d.Symbol != null ? new() { DimParam = d.Symbol }
        : new();
}
