using TorchSharp;

namespace EdgeToolkit.Training.Export;

/// <summary>
/// Writes one TorchSharp layer type into the graph (one file per layer family, found by
/// reflection, as the operators are). The exporter walks a module tree, hands each leaf layer to
/// the exporter that claims it, and threads the value through.
/// </summary>
public interface ILayerExporter
{
    /// <summary>True for the module types this exporter writes.</summary>
    bool Handles(torch.nn.Module module);
    /// <summary>Adds the layer's nodes; returns its output value with its shape.</summary>
    GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext context);
}

/// <summary>A value in the graph being built and its concrete shape.</summary>
public sealed record GraphValue(string Name, long[] Shape)
{
    public int Rank => Shape.Length;
}
