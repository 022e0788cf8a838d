using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>nn.Softmax and nn.LogSoftmax over one dim (opset 13+ semantics: a single axis).</summary>
public sealed class SoftmaxExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is Softmax or LogSoftmax;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        var (op, dim) = module switch
        {
            Softmax s => ("Softmax", s.dim),
            LogSoftmax l => ("LogSoftmax", l.dim),
            _ => throw new InvalidOperationException(module.GetType().Name),
        };
        return new GraphValue(ctx.Builder.OpNamed(name, op, new[] { input.Name }, NodeAttribute.Of("axis", dim)), input.Shape);
    }
}
