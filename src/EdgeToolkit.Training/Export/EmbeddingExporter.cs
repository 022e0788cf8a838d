using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>nn.Embedding as Gather of table rows by int64 indices (the graph input is then int64).</summary>
public sealed class EmbeddingExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is Embedding;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        var table = ((Embedding)module).weight!;
        var y = ctx.Builder.OpNamed(name, "Gather", new[] { ctx.Weight($"{name}.weight", table), input.Name }, NodeAttribute.Of("axis", 0L));
        return new GraphValue(y, input.Shape.Append(table.shape[1]).ToArray());
    }
}
