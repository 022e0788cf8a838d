using System.Text;
using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;
using AttrType = Onnx.AttributeProto.Types.AttributeType;

namespace EdgeToolkit.Onnx;

/// <summary>NodeAttribute -> AttributeProto; subgraphs go back through the graph writer.</summary>
internal static class AttributeWriter
{
    public static AttributeProto Write(NodeAttribute a, Func<ModelGraph, GraphProto> writeSubgraph)
    {
        var p = new AttributeProto { Name = a.Name };
        switch (a.Kind)
        {
            case AttributeKind.Float: p.Type = AttrType.Float; p.F = a.F; break;
            case AttributeKind.Int: p.Type = AttrType.Int; p.I = a.I; break;
            case AttributeKind.String: p.Type = AttrType.String; p.S = Utf8(a.S ?? ""); break;
            case AttributeKind.Tensor: p.Type = AttrType.Tensor; p.T = TensorProtoFile.ToProto("", Require(a.T, a)); break;
            case AttributeKind.Graph: p.Type = AttrType.Graph; p.G = writeSubgraph(Require(a.G, a)); break;
            case AttributeKind.Floats: p.Type = AttrType.Floats; p.Floats.AddRange(Require(a.Floats, a)); break;
            case AttributeKind.Ints: p.Type = AttrType.Ints; p.Ints.AddRange(Require(a.Ints, a)); break;
            case AttributeKind.Strings: p.Type = AttrType.Strings; p.Strings.AddRange(Require(a.Strings, a).Select(Utf8)); break;
            case AttributeKind.Tensors: p.Type = AttrType.Tensors; p.Tensors.AddRange(Require(a.Tensors, a).Select(t => TensorProtoFile.ToProto("", t))); break;
            case AttributeKind.Graphs: p.Type = AttrType.Graphs; p.Graphs.AddRange(Require(a.Graphs, a).Select(writeSubgraph)); break;
            default: throw new ArgumentException($"attribute '{a.Name}' has unknown kind {a.Kind}");
        }
        return p;
    }

    private static ByteString Utf8(string s) => ByteString.CopyFrom(Encoding.UTF8.GetBytes(s));

    private static T Require<T>(T? value, NodeAttribute a) where T : class =>
        value ?? throw new ArgumentException($"attribute '{a.Name}' of kind {a.Kind} has no value");
}
