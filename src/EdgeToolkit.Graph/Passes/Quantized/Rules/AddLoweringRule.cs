namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(a int8) + DQ(b int8) -> optional Relu/Clip -> Q(int8), all per tensor, becomes edgetk.QAdd
/// with TensorFlow Lite's parameters: both inputs shifted left by 20 bits and scaled to
/// 2 * max(sa, sb), their sum scaled by that over 2^20 * sy.
/// </summary>
public sealed class AddLoweringRule : IQdqLoweringRule
{
    private const int LeftShift = 20;

    public IReadOnlyList<string> AnchorOps { get; } = new[] { "Add" };

    public string? TryLower(QdqGraph g, Node add)
    {
        if (add.Inputs.Count != 2 || add.Outputs.Count != 1) return null;
        if (QdqPatterns.Int8Input(g, add.Inputs[0]) is not { } a || QdqPatterns.Int8Input(g, add.Inputs[1]) is not { } b) return null;
        if (QdqPatterns.Int8Output(g, add.Outputs[0]) is not { } y) return null;
        double twiceMaxInputScale = 2.0 * Math.Max(a.Params.Scale, b.Params.Scale);
        if (QdqPatterns.Multiplier(a.Params.Scale / twiceMaxInputScale) is not { } am
            || QdqPatterns.Multiplier(b.Params.Scale / twiceMaxInputScale) is not { } bm
            || QdqPatterns.Multiplier(twiceMaxInputScale / ((1 << LeftShift) * (double)y.Params.Scale)) is not { } om) return null;
        var qadd = new Node(add.Name, "QAdd", new[] { a.Quantized, b.Quantized }, new[] { y.Q.Outputs[0] }, "edgetk")
            .With(NodeAttribute.Of("a_zero_point", (long)a.Params.ZeroPoint))
            .With(NodeAttribute.Of("b_zero_point", (long)b.Params.ZeroPoint))
            .With(NodeAttribute.Of("left_shift", (long)LeftShift));
        QdqPatterns.SetMultiplier(qadd, "a", am);
        QdqPatterns.SetMultiplier(qadd, "b", bm);
        QdqPatterns.SetMultiplier(qadd, "output", om);
        QdqPatterns.SetOutputAttributes(qadd, y);
        g.Replace(add, qadd, y.Absorbed);
        return $"Add '{add.Name}'{(y.Activation != null ? " + " + y.Activation.OpType : "")} -> QAdd";
    }
}
