using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>A layer's weights in the weights file: W row-major [outputs x inputs] and the bias (null when all zero).</summary>
internal sealed record JacobianLayerWeights(string W, string? B)
{
    public static JacobianLayerWeights Add(JacobianLayer layer, string name, Func<string, Tensor, string> addConstant)
    {
        var d = layer.Dense;
        var w = addConstant(name + "_w", Tensor.FromFloats(new[] { d.Outputs, d.Inputs }, d.Weights));
        var b = layer.HasBias ? addConstant(name + "_b", Tensor.FromFloats(new[] { d.Outputs }, d.Bias)) : null;
        return new JacobianLayerWeights(w, b);
    }
}
