using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx.Tests;

/// <summary>Hand-written ONNX protos, to feed the importer files exactly as exporters write them.</summary>
internal static class ProtoBuilder
{
    public static ModelProto Model(GraphProto g, int opset = 13, long ir = 7)
    {
        var m = new ModelProto { IrVersion = ir, Graph = g };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return m;
    }

    public static ValueInfoProto Value(string name, int elemType, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d switch
            {
                long v => new TensorShapeProto.Types.Dimension { DimValue = v },
                int v => new TensorShapeProto.Types.Dimension { DimValue = v },
                string s => new TensorShapeProto.Types.Dimension { DimParam = s },
                _ => new TensorShapeProto.Types.Dimension(),
            });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elemType, Shape = shape } } };
    }

    public static NodeProto Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = name };
        n.Input.AddRange(inputs); n.Output.AddRange(outputs); n.Attribute.AddRange(attributes);
        return n;
    }

    public static AttributeProto Floats(string name, params float[] v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Floats, Floats = { v } };
    public static AttributeProto Ints(string name, params long[] v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { v } };
    public static AttributeProto Float(string name, float v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = v };
    public static AttributeProto Int(string name, long v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = v };
    public static AttributeProto String(string name, string v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(v) };
    public static AttributeProto Strings(string name, params string[] v) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Strings, Strings = { v.Select(ByteString.CopyFromUtf8) } };
    public static AttributeProto GraphAttr(string name, GraphProto g) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = g };
    public static AttributeProto TensorAttr(string name, TensorProto t) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t };

    public static TensorProto FloatTensor(string name, long[] dims, params float[] values)
    {
        var t = new TensorProto { Name = name, DataType = 1 };
        t.Dims.AddRange(dims); t.FloatData.AddRange(values);
        return t;
    }
}
