using EdgeToolkit.Graph.Ops.Common;
using EdgeToolkit.Graph.Ops.MathOps;
using M = System.Math;

namespace EdgeToolkit.Graph.Ops.Activation;

/// <summary>
/// Elementwise activations. Attribute defaults are ONNX's; the float attributes are read as
/// float32 (as stored) and widened, so the double computation rounds once at the end.
/// </summary>
public sealed class ActivationOperators : IOperatorProvider
{
    public const float SeluAlpha = 1.67326319217681884765625f;
    public const float SeluGamma = 1.05070102214813232421875f;

    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        // Relu takes signed integers from opset 14.
        new UnaryOperator("Relu", x => x > 0 ? x : 0, x => x > 0 ? x : 0, TypeSupport.SignedNumeric),
        new UnaryOperator("LeakyRelu", n => { double a = n.GetFloat("alpha", 0.01f); return x => x >= 0 ? x : a * x; }),
        new UnaryOperator("Elu", n => { double a = n.GetFloat("alpha", 1f); return x => x >= 0 ? x : a * (M.Exp(x) - 1); }),
        new UnaryOperator("Celu", n => { double a = n.GetFloat("alpha", 1f); return x => M.Max(0, x) + M.Min(0, a * (M.Exp(x / a) - 1)); }),
        new UnaryOperator("Selu", n =>
        {
            double a = n.GetFloat("alpha", SeluAlpha), g = n.GetFloat("gamma", SeluGamma);
            return x => x > 0 ? g * x : g * (a * M.Exp(x) - a);
        }),
        new UnaryOperator("ThresholdedRelu", n => { double a = n.GetFloat("alpha", 1f); return x => x > a ? x : 0; }),
        new UnaryOperator("Shrink", n =>
        {
            double l = n.GetFloat("lambd", 0.5f), b = n.GetFloat("bias", 0f);
            return x => x < -l ? x + b : x > l ? x - b : 0;
        }),
        new UnaryOperator("Tanh", M.Tanh),
        new UnaryOperator("Sigmoid", Sigmoid),
        new UnaryOperator("HardSigmoid", n =>
        {
            double a = n.GetFloat("alpha", 0.2f), b = n.GetFloat("beta", 0.5f);
            return x => M.Max(0, M.Min(1, a * x + b));
        }),
        // HardSwish (opset 14) is x * HardSigmoid(x) with alpha = 1/6, beta = 0.5.
        new UnaryOperator("HardSwish", x => x * M.Max(0, M.Min(1, x / 6 + 0.5))),
        new UnaryOperator("Softplus", Softplus),
        new UnaryOperator("Softsign", x => x / (1 + M.Abs(x))),
        new UnaryOperator("Mish", x => x * M.Tanh(Softplus(x))),
        new UnaryOperator("Gelu", n => n.GetString("approximate", "none") == "tanh" ? GeluTanh : GeluExact, checkAttributes: n =>
            n.GetString("approximate", "none") is "none" or "tanh" ? null : $"Gelu approximate='{n.GetString("approximate", "")}' is not 'none' or 'tanh'"),
    };

    /// <summary>Split by sign so that exp never overflows.</summary>
    internal static double Sigmoid(double x) => x >= 0 ? 1 / (1 + M.Exp(-x)) : M.Exp(x) / (1 + M.Exp(x));

    /// <summary>log(1 + exp(x)) without overflow for large x.</summary>
    internal static double Softplus(double x) => x > 0 ? x + M.Log(1 + M.Exp(-x)) : M.Log(1 + M.Exp(x));

    internal static double GeluExact(double x) => 0.5 * x * (1 + SpecialFunctions.Erf(x / M.Sqrt(2)));

    internal static double GeluTanh(double x) => 0.5 * x * (1 + M.Tanh(M.Sqrt(2 / M.PI) * (x + 0.044715 * x * x * x)));
}
