using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>
/// nn.BatchNorm1d/2d in eval mode (running statistics) as BatchNormalization, which the pass
/// pipeline folds into the preceding Conv or Gemm; nn.LayerNorm as LayerNormalization (opset 17).
/// </summary>
public sealed class NormalizationExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is BatchNorm1d or BatchNorm2d or LayerNorm;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx) => module switch
    {
        BatchNorm bn => ExportBatchNorm(bn, name, input, ctx),
        LayerNorm ln => ExportLayerNorm(ln, name, input, ctx),
        _ => throw new InvalidOperationException(module.GetType().Name),
    };

    private static GraphValue ExportBatchNorm(BatchNorm bn, string name, GraphValue input, ExportContext ctx)
    {
        if (!bn.track_running_stats || bn.running_mean is null || bn.running_var is null)
            throw WindowShapes.Unsupported(name, bn.GetType().Name, "batch statistics at inference (track_running_stats=false)");
        if (input.Rank < 2 || input.Shape[1] != bn.num_features)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"layer '{name}' normalizes {bn.num_features} channels, but its input is [{string.Join("x", input.Shape)}]");
        long c = bn.num_features;
        var scale = bn.weight is { } w ? ctx.Weight($"{name}.weight", w) : ctx.Constant($"{name}.weight", Filled(c, 1f));
        var bias = bn.bias is { } b ? ctx.Weight($"{name}.bias", b) : ctx.Constant($"{name}.bias", Filled(c, 0f));
        var y = ctx.Builder.OpNamed(name, "BatchNormalization",
            new[] { input.Name, scale, bias, ctx.Weight($"{name}.running_mean", bn.running_mean), ctx.Weight($"{name}.running_var", bn.running_var) },
            NodeAttribute.Of("epsilon", (float)bn.eps));
        return new GraphValue(y, input.Shape);
    }

    private static GraphValue ExportLayerNorm(LayerNorm ln, string name, GraphValue input, ExportContext ctx)
    {
        var normalized = ln.normalized_shape;
        if (normalized.Length > input.Rank || !input.Shape[^normalized.Length..].SequenceEqual(normalized))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"layer '{name}' normalizes over [{string.Join("x", normalized)}], but its input is [{string.Join("x", input.Shape)}]");
        var count = (int)normalized.Aggregate(1L, (a, d) => a * d);
        var dims = normalized.Select(d => (int)d).ToArray();
        var scale = ln.weight is { } w ? ctx.Weight($"{name}.weight", w) : ctx.Constant($"{name}.weight", Tensor.FromFloats(dims, Enumerable.Repeat(1f, count).ToArray()));
        var inputs = new List<string> { input.Name, scale };
        if (ln.bias is { } b) inputs.Add(ctx.Weight($"{name}.bias", b));
        var y = ctx.Builder.OpNamed(name, "LayerNormalization", inputs.ToArray(),
            NodeAttribute.Of("axis", (long)-normalized.Length), NodeAttribute.Of("epsilon", (float)ln.eps));
        return new GraphValue(y, input.Shape);
    }

    private static Tensor Filled(long n, float v) => Tensor.FromFloats(new[] { (int)n }, Enumerable.Repeat(v, (int)n).ToArray());
}
