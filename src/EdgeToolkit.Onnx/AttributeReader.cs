using System.Text;
using EdgeToolkit.Graph;
using Onnx;
using AttrType = Onnx.AttributeProto.Types.AttributeType;

namespace EdgeToolkit.Onnx;

/// <summary>AttributeProto -> NodeAttribute; subgraphs go back through the graph reader.</summary>
internal static class AttributeReader
{
    public static NodeAttribute Read(AttributeProto a, Func<GraphProto, ModelGraph> readSubgraph)
    {
        var kind = a.Type == AttrType.Undefined ? GuessKind(a) : a.Type;
        return kind switch
        {
            AttrType.Float => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Float, F = a.F },
            AttrType.Int => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Int, I = a.I },
            AttrType.String => new NodeAttribute { Name = a.Name, Kind = AttributeKind.String, S = Utf8(a.S) },
            AttrType.Tensor => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Tensor, T = TensorProtoFile.FromProto(Require(a.T, a)) },
            AttrType.Graph => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Graph, G = readSubgraph(Require(a.G, a)) },
            AttrType.Floats => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Floats, Floats = a.Floats.ToArray() },
            AttrType.Ints => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Ints, Ints = a.Ints.ToArray() },
            AttrType.Strings => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Strings, Strings = a.Strings.Select(Utf8).ToArray() },
            AttrType.Tensors => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Tensors, Tensors = a.Tensors.Select(TensorProtoFile.FromProto).ToArray() },
            AttrType.Graphs => new NodeAttribute { Name = a.Name, Kind = AttributeKind.Graphs, Graphs = a.Graphs.Select(readSubgraph).ToArray() },
            _ => throw OnnxErrors.Unsupported($"attribute '{a.Name}' is of kind {kind}, which EdgeToolkit does not support",
                "sparse tensors and type protos in attributes cannot be compiled; re-export with dense tensors"),
        };
    }

    private static string Utf8(Google.Protobuf.ByteString b) => Encoding.UTF8.GetString(b.Span);

    private static T Require<T>(T? value, AttributeProto a) where T : class =>
        value ?? throw OnnxErrors.Malformed($"attribute '{a.Name}' says it holds a {a.Type} but has none");

    /// <summary>Very old exporters left the type unset; the filled field tells it.</summary>
    private static AttrType GuessKind(AttributeProto a) =>
        a.Floats.Count > 0 ? AttrType.Floats
        : a.Ints.Count > 0 ? AttrType.Ints
        : a.Strings.Count > 0 ? AttrType.Strings
        : a.Tensors.Count > 0 ? AttrType.Tensors
        : a.Graphs.Count > 0 ? AttrType.Graphs
        : a.T != null ? AttrType.Tensor
        : a.G != null ? AttrType.Graph
        : a.S.Length > 0 ? AttrType.String
        : a.F != 0 ? AttrType.Float
        : AttrType.Int;
}
