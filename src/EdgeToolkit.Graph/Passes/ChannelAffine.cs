namespace EdgeToolkit.Graph.Passes;

/// <summary>A per-channel y = x*Scale + Shift, as an inference BatchNormalization computes it.</summary>
internal sealed record ChannelAffine(double[] Scale, double[] Shift)
{
    public int Channels => Scale.Length;

    /// <summary>The affine form of a BN with constant float32 parameters in inference mode; null otherwise.</summary>
    public static ChannelAffine? FromBatchNorm(ModelGraph graph, Node bn)
    {
        if (bn.Inputs.Count < 5 || bn.GetInt("training_mode", 0) != 0 || bn.GetInt("spatial", 1) != 1) return null;
        if (bn.Outputs.Skip(1).Any(o => o.Length > 0)) return null;
        var p = bn.Inputs.Skip(1).Take(4).Select(i => GraphQueries.ConstantOf(graph, i)).ToArray();
        if (p.Any(t => t == null || t.Type != DataType.Float32 || t.Rank != 1) || p.Select(t => t!.Length).Distinct().Count() != 1) return null;
        var (gamma, beta, mean, var) = (p[0]!.Floats, p[1]!.Floats, p[2]!.Floats, p[3]!.Floats);
        double eps = bn.GetFloat("epsilon", 1e-5f);
        var scale = new double[gamma.Length];
        var shift = new double[gamma.Length];
        for (int c = 0; c < scale.Length; c++)
        {
            scale[c] = gamma[c] / Math.Sqrt(var[c] + eps);
            shift[c] = beta[c] - mean[c] * scale[c];
        }
        return new ChannelAffine(scale, shift);
    }
}
