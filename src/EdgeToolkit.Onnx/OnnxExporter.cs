using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// Writes a ModelGraph as an ONNX model ONNX Runtime can run: IR version matching the opset,
/// weights as raw_data initializers, fused nodes expanded back into plain ONNX nodes.
/// </summary>
public static class OnnxExporter
{
    public static byte[] ToBytes(ModelGraph g) => ToProto(g).ToByteArray();

    /// <summary>Writes path + ".tmp" then renames, so a failure never leaves half a model behind.</summary>
    public static void Save(ModelGraph g, string path) => FileBytes.WriteAtomically(path, ToBytes(g));

    public static ModelProto ToProto(ModelGraph g)
    {
        long ir = OnnxVersions.IrVersionFor(g.Opset);
        var m = new ModelProto { IrVersion = ir, Graph = GraphWriter.Write(g, ir) };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = g.Opset });
        foreach (var (domain, version) in g.ExtraOpsets)
            if (!OnnxVersions.IsDefaultDomain(domain)) m.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        // ONNX requires an import for every domain a node uses; version 1 for the toolkit's own ones.
        foreach (var domain in NodeDomains(g).Where(d => d.Length > 0 && !m.OpsetImport.Any(o => o.Domain == d)).ToList())
            m.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = 1 });
        ModelMetadata.Write(g.Metadata, m);
        return m;
    }

    private static IEnumerable<string> NodeDomains(ModelGraph g) =>
        g.Nodes.SelectMany(n => n.Fused.Prepend(n)).SelectMany(n =>
            n.Attributes.Values.SelectMany(a => a.G != null ? new[] { a.G } : a.Graphs ?? Array.Empty<ModelGraph>())
                .SelectMany(NodeDomains).Prepend(n.Domain)).Distinct();
}
