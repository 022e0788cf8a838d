namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>Elementwise ops: every axis passes through; broadcasting inputs tie where they are not size 1 (a bias, a residual).</summary>
public sealed class ElementwiseRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[]
    {
        "Relu", "Tanh", "Sigmoid", "Erf", "Gelu", "LeakyRelu", "Elu", "Selu", "HardSigmoid", "HardSwish", "Softplus", "Softsign", "Clip",
        "Identity", "Dropout", "Cast", "Neg", "Abs", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Not",
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Where", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "PRelu", "Mod",
    };

    public void Describe(NodeCouplings c)
    {
        var output = c.Node.Outputs[0];
        // Clip's min/max and Dropout's ratio are scalars: broadcasting skips them.
        c.LinkBroadcast(c.Node.Inputs, output);
        foreach (var input in c.Node.Inputs.Where(i => i.Length > 0 && c.IsWeight(i)))
            for (int a = 0; a < c.Rank(input); a++) c.Role(input, a, MemberRole.Passive);
    }
}
