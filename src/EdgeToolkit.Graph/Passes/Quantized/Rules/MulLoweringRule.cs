namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(a int8) * DQ(b int8) -> optional Relu/Clip -> Q(int8), all per tensor, becomes edgetk.QMul:
/// the product of the zero-point-free inputs scaled by sa * sb / sy (TensorFlow Lite's Mul).
/// </summary>
public sealed class MulLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "Mul" };

    public string? TryLower(QdqGraph g, Node mul)
    {
        if (mul.Inputs.Count != 2 || mul.Outputs.Count != 1) return null;
        if (QdqPatterns.Int8Input(g, mul.Inputs[0]) is not { } a || QdqPatterns.Int8Input(g, mul.Inputs[1]) is not { } b) return null;
        if (QdqPatterns.Int8Output(g, mul.Outputs[0]) is not { } y) return null;
        if (QdqPatterns.Multiplier((double)a.Params.Scale * b.Params.Scale / y.Params.Scale) is not { } om) return null;
        var qmul = new Node(mul.Name, "QMul", new[] { a.Quantized, b.Quantized }, new[] { y.Q.Outputs[0] }, "edgetk")
            .With(NodeAttribute.Of("a_zero_point", (long)a.Params.ZeroPoint))
            .With(NodeAttribute.Of("b_zero_point", (long)b.Params.ZeroPoint));
        QdqPatterns.SetMultiplier(qmul, "output", om);
        QdqPatterns.SetOutputAttributes(qmul, y);
        g.Replace(mul, qmul, y.Absorbed);
        return $"Mul '{mul.Name}'{(y.Activation != null ? " + " + y.Activation.OpType : "")} -> QMul";
    }
}
