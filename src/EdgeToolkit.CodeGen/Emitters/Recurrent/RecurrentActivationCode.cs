using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

/// <summary>
/// The gate activations ONNX allows for RNN, GRU and LSTM as C expressions, with the portable
/// helpers for tanh, exp and log (no libm). The value is named more than once: pass a variable.
/// </summary>
internal static class RecurrentActivationCode
{
    public static string Apply(KernelContext ctx, RecurrentActivation f, string v)
    {
        string a = CNames.Float(f.Alpha), b = CNames.Float(f.Beta);
        return f.Name switch
        {
            "Relu" => $"({v} > 0.0f ? {v} : 0.0f)",
            "Tanh" => $"{ctx.UseHelper("tanh")}({v})",
            "Sigmoid" => $"{ctx.UseHelper("sigmoid")}({v})",
            "Softsign" => $"({v} / (1.0f + ({v} < 0.0f ? -{v} : {v})))",
            // Split by sign so that exp never overflows.
            "Softplus" => $"({v} > 0.0f ? {v} + {ctx.UseHelper("log")}(1.0f + {ctx.UseHelper("exp")}(-{v})) : {ctx.UseHelper("log")}(1.0f + {ctx.UseHelper("exp")}({v})))",
            "Affine" => $"({a} * {v} + {b})",
            "LeakyRelu" => $"({v} >= 0.0f ? {v} : {a} * {v})",
            "ThresholdedRelu" => $"({v} >= {a} ? {v} : 0.0f)",
            "ScaledTanh" => $"({a} * {ctx.UseHelper("tanh")}({b} * {v}))",
            // Comparisons rather than fminf/fmaxf (libm), as PostOps writes HardSigmoid.
            "HardSigmoid" => $"({a} * {v} + {b} <= 0.0f ? 0.0f : {a} * {v} + {b} >= 1.0f ? 1.0f : {a} * {v} + {b})",
            "Elu" => $"({v} >= 0.0f ? {v} : {a} * ({ctx.UseHelper("exp")}({v}) - 1.0f))",
            _ => throw new InvalidOperationException($"no C for activation '{f.Name}'"),
        };
    }
}
