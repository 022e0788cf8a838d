using EdgeToolkit.Graph.Analysis;

namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>
/// An MLP activation in C: the forward expression (the same one NAME_run's kernels write, so the
/// bits agree) and its derivative taken from the forward value t, never from the pre-activation,
/// which the forward pass does not keep: tanh' = 1 - t*t, sigmoid' = t*(1 - t), relu' = (t > 0).
/// </summary>
internal static class ActivationCode
{
    /// <summary>act(s) as a C expression; s is evaluated more than once.</summary>
    public static string Forward(MlpActivation act, string s, Func<string, string> useHelper) => act switch
    {
        MlpActivation.Tanh => $"{useHelper("tanh")}({s})",
        MlpActivation.Sigmoid => $"{useHelper("sigmoid")}({s})",
        MlpActivation.Relu => $"({s} > 0.0f ? {s} : 0.0f)",
        _ => s,
    };

    /// <summary>
    /// The C initializer of a local d = act'(t) that Scale then uses, or null when Scale needs none
    /// (identity multiplies by nothing, relu selects).
    /// </summary>
    public static string? Derivative(MlpActivation act, string t) => act switch
    {
        MlpActivation.Tanh => $"1.0f - {t} * {t}",
        MlpActivation.Sigmoid => $"{t} * (1.0f - {t})",
        _ => null,
    };

    /// <summary>v * act'(t) as a C expression, d being the local Derivative initialised.</summary>
    public static string Scale(MlpActivation act, string v, string t, string d) => act switch
    {
        MlpActivation.Tanh or MlpActivation.Sigmoid => $"{v} * {d}",
        MlpActivation.Relu => $"({t} > 0.0f ? {v} : 0.0f)",
        _ => v,
    };

    /// <summary>How a comment names the function: "tanh", "relu", ...; identity is "".</summary>
    public static string Name(MlpActivation act) => act == MlpActivation.Identity ? "" : act.ToString().ToLowerInvariant();
}
