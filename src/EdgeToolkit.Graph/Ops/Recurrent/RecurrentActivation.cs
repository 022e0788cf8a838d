using EdgeToolkit.Graph.Ops.Activation;
using M = System.Math;

namespace EdgeToolkit.Graph.Ops.Recurrent;

/// <summary>
/// One gate activation of RNN, GRU or LSTM (the `activations` attribute), with the alpha and beta
/// it takes. Name is the canonical spelling (ONNX matches names case-insensitively, as ONNX
/// Runtime does).
/// </summary>
public sealed record RecurrentActivation(string Name, float Alpha, float Beta)
{
    /// <summary>Canonical name -> (uses alpha, uses beta, default alpha, default beta).</summary>
    private static readonly Dictionary<string, (bool A, bool B, float Alpha, float Beta)> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Relu"] = (false, false, 0, 0),
        ["Tanh"] = (false, false, 0, 0),
        ["Sigmoid"] = (false, false, 0, 0),
        ["Softsign"] = (false, false, 0, 0),
        ["Softplus"] = (false, false, 0, 0),
        // The spec: "Default values are the same as of corresponding ONNX operators".
        ["Affine"] = (true, true, 1f, 0f),
        ["LeakyRelu"] = (true, false, 0.01f, 0),
        ["ThresholdedRelu"] = (true, false, 1f, 0),
        ["ScaledTanh"] = (true, true, 1f, 1f),
        ["HardSigmoid"] = (true, true, 0.2f, 0.5f),
        ["Elu"] = (true, false, 1f, 0),
    };

    public static IEnumerable<string> Names => Table.Keys;

    public static string? Canonical(string name) => Table.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The activations of a node. activation_alpha and activation_beta are consumed in order by
    /// the functions that take them (as ONNX Runtime reads them); a function left without a value
    /// takes its default. Unknown names must have been refused by Check first.
    /// </summary>
    public static RecurrentActivation[] Parse(IReadOnlyList<string> names, float[]? alphas, float[]? betas)
    {
        int nextAlpha = 0, nextBeta = 0;
        var result = new RecurrentActivation[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            var name = Canonical(names[i]) ?? throw new ArgumentException($"unknown activation '{names[i]}'");
            var (usesA, usesB, alpha, beta) = Table[name];
            if (usesA && alphas != null && nextAlpha < alphas.Length) alpha = alphas[nextAlpha++];
            if (usesB && betas != null && nextBeta < betas.Length) beta = betas[nextBeta++];
            result[i] = new RecurrentActivation(name, usesA ? alpha : 0, usesB ? beta : 0);
        }
        return result;
    }

    public double Apply(double x) => Name switch
    {
        "Relu" => x > 0 ? x : 0,
        "Tanh" => M.Tanh(x),
        "Sigmoid" => ActivationOperators.Sigmoid(x),
        "Softsign" => x / (1 + M.Abs(x)),
        "Softplus" => ActivationOperators.Softplus(x),
        "Affine" => Alpha * x + Beta,
        "LeakyRelu" => x >= 0 ? x : Alpha * x,
        "ThresholdedRelu" => x >= Alpha ? x : 0,
        "ScaledTanh" => Alpha * M.Tanh(Beta * x),
        "HardSigmoid" => M.Max(0, M.Min(1, Alpha * x + Beta)),
        "Elu" => x >= 0 ? x : Alpha * (M.Exp(x) - 1),
        _ => throw new InvalidOperationException($"unknown activation '{Name}'"),
    };

    public override string ToString() => Table[Name].A ? Table[Name].B ? $"{Name}({Alpha}, {Beta})" : $"{Name}({Alpha})" : Name;
}
