using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>nn.Linear: Gemm (transB) on [N, in]; MatMul + Add on higher ranks.</summary>
public sealed class LinearExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is Linear;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        var linear = (Linear)module;
        var w = linear.weight!;
        long outFeatures = w.shape[0];
        var shape = input.Shape[..^1].Append(outFeatures).ToArray();
        if (input.Rank == 2)
        {
            var inputs = new List<string> { input.Name, ctx.Weight($"{name}.weight", w) };
            if (linear.bias is { } bias) inputs.Add(ctx.Weight($"{name}.bias", bias));
            return new GraphValue(ctx.Builder.OpNamed(name, "Gemm", inputs.ToArray(), NodeAttribute.Of("transB", 1L)), shape);
        }
        var wt = ctx.Weight($"{name}.weight_t", w.t());
        var y = ctx.Builder.OpNamed(name, "MatMul", new[] { input.Name, wt });
        if (linear.bias is { } b2) y = ctx.Builder.OpNamed(name + ".bias_add", "Add", new[] { y, ctx.Weight($"{name}.bias", b2) });
        return new GraphValue(y, shape);
    }
}
