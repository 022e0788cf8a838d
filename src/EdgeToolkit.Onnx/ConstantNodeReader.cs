using System.Text;
using EdgeToolkit.Graph;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// The value of an ONNX Constant node, so the importer can store it as an initializer: weights
/// then live in one place whatever form the exporter chose.
/// </summary>
internal static class ConstantNodeReader
{
    public static bool IsConstant(NodeProto n) => n.OpType == "Constant" && OnnxVersions.IsDefaultDomain(n.Domain);

    public static Tensor Value(NodeProto n)
    {
        if (n.Attribute.Count != 1)
            throw OnnxErrors.Malformed($"Constant node '{n.Name}' must have exactly one value attribute, it has {n.Attribute.Count}");
        var a = n.Attribute[0];
        return a.Name switch
        {
            "value" => TensorProtoFile.FromProto(a.T ?? throw OnnxErrors.Malformed($"Constant node '{n.Name}' has an empty value")),
            "value_float" => Tensor.Scalar(a.F),
            "value_floats" => Tensor.Vector(a.Floats.ToArray()),
            "value_int" => Tensor.Scalar(a.I),
            "value_ints" => Tensor.Vector(a.Ints.ToArray()),
            "value_string" => new Tensor(DataType.String, Array.Empty<int>(), new[] { Encoding.UTF8.GetString(a.S.Span) }),
            "value_strings" => new Tensor(DataType.String, new[] { a.Strings.Count }, a.Strings.Select(s => Encoding.UTF8.GetString(s.Span)).ToArray()),
            "sparse_value" => throw OnnxErrors.Unsupported($"Constant node '{n.Name}' holds a sparse tensor, which EdgeToolkit does not support",
                "store the constant as a dense tensor"),
            _ => throw OnnxErrors.Malformed($"Constant node '{n.Name}' has an unknown attribute '{a.Name}'"),
        };
    }
}
