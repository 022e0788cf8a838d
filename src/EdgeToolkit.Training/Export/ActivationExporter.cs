using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>
/// Element-wise activations, and shape-preserving no-ops (Dropout, Identity) at inference.
/// GELU (exact) and SiLU have no op at opset 17, so they are written out from Erf and Sigmoid.
/// </summary>
public sealed class ActivationExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is ReLU or Tanh or Sigmoid or LeakyReLU or GELU or SiLU or Dropout or Identity;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        var b = ctx.Builder;
        string y = module switch
        {
            Dropout or Identity => input.Name,
            ReLU => b.OpNamed(name, "Relu", new[] { input.Name }),
            Tanh => b.OpNamed(name, "Tanh", new[] { input.Name }),
            Sigmoid => b.OpNamed(name, "Sigmoid", new[] { input.Name }),
            LeakyReLU l => b.OpNamed(name, "LeakyRelu", new[] { input.Name }, NodeAttribute.Of("alpha", (float)l.negative_slope)),
            SiLU => b.OpNamed(name, "Mul", new[] { input.Name, b.OpNamed(name + ".sigmoid", "Sigmoid", new[] { input.Name }) }),
            GELU g => Gelu(g, name, input.Name, ctx),
            _ => throw new InvalidOperationException(module.GetType().Name),
        };
        return new GraphValue(y, input.Shape);
    }

    /// <summary>0.5 * x * (1 + erf(x / sqrt 2)).</summary>
    private static string Gelu(GELU gelu, string name, string x, ExportContext ctx)
    {
        if (gelu.approximate != GELU.Approximate.none) throw WindowShapes.Unsupported(name, "GELU", $"approximate='{gelu.approximate}' (only the exact form)");
        var b = ctx.Builder;
        var scaled = b.OpNamed(name + ".div", "Mul", new[] { x, ctx.Constant(name + ".inv_sqrt2", Tensor.Scalar((float)(1 / Math.Sqrt(2)))) });
        var erf = b.OpNamed(name + ".erf", "Erf", new[] { scaled });
        var onePlus = b.OpNamed(name + ".add", "Add", new[] { erf, ctx.Constant(name + ".one", Tensor.Scalar(1f)) });
        var half = b.OpNamed(name + ".half", "Mul", new[] { x, ctx.Constant(name + ".half_c", Tensor.Scalar(0.5f)) });
        return b.OpNamed(name, "Mul", new[] { half, onePlus });
    }
}
