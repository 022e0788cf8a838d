using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>Element-wise activations and shape-preserving no-ops (Dropout, Identity) at inference.</summary>
public sealed class ActivationExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => OpFor(module) != null || module is Dropout or Identity;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        if (module is Dropout or Identity) return input;
        var (op, attrs) = OpFor(module)!.Value;
        return new GraphValue(ctx.Builder.OpNamed(name, op, new[] { input.Name }, attrs), input.Shape);
    }

    private static (string Op, NodeAttribute[] Attrs)? OpFor(torch.nn.Module m) => m switch
    {
        ReLU => ("Relu", Array.Empty<NodeAttribute>()),
        Tanh => ("Tanh", Array.Empty<NodeAttribute>()),
        Sigmoid => ("Sigmoid", Array.Empty<NodeAttribute>()),
        _ => null,
    };
}
