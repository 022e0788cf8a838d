namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(x int8) -> GlobalAveragePool -> Q(int8), per tensor, with the spatial size known, becomes
/// edgetk.QGlobalAveragePool: the sum of x - zx over each plane scaled by sx / (sy * count).
/// </summary>
public sealed class GlobalAveragePoolLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "GlobalAveragePool" };

    public string? TryLower(QdqGraph g, Node pool)
    {
        if (pool.Outputs.Count != 1) return null;
        if (QdqPatterns.Int8Input(g, pool.Inputs[0]) is not { } x) return null;
        // The Q must follow directly: a Relu/Clip here would not be folded by the contract (no act_min/act_max).
        if (g.QuantizedBy(pool.Outputs[0]) is not { } y || !QdqPatterns.IsInt8PerTensor(y.Params)) return null;
        if (g.Graph.TryGetInfo(pool.Inputs[0])?.Shape is not { HasRank: true, Rank: >= 3 } shape) return null;
        var spatial = shape.Dims!.Skip(2).ToList();
        if (spatial.Any(d => !d.IsKnown)) return null;
        long count = spatial.Aggregate(1L, (p, d) => p * d.Value);
        // The int32 sum of up to 255 per element must not overflow.
        if (count < 1 || count > int.MaxValue / 256) return null;
        if (QdqPatterns.Multiplier(x.Params.Scale / ((double)y.Params.Scale * count)) is not { } om) return null;
        var qpool = new Node(pool.Name, "QGlobalAveragePool", new[] { x.Quantized }, new[] { y.Q.Outputs[0] }, "edgetk")
            .With(NodeAttribute.Of("input_zero_point", (long)x.Params.ZeroPoint))
            .With(NodeAttribute.Of("output_zero_point", (long)y.Params.ZeroPoint));
        QdqPatterns.SetMultiplier(qpool, "output", om);
        g.Replace(pool, qpool, y.Q);
        return $"GlobalAveragePool '{pool.Name}' -> QGlobalAveragePool";
    }
}
