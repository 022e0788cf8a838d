using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// Blocking of the host/AArch64 Conv variant: output channels innermost in vectors of Lanes
/// floats (GCC/Clang vector extensions: AVX2 ymm on x86-64, two NEON q registers on AArch64),
/// Vectors per block, Positions output positions per register tile. Each tap broadcasts one
/// input value per position and multiplies it by whole weight vectors.
/// </summary>
internal sealed record ConvVectorBlocking(int Vectors, int Positions)
{
    public const int Lanes = 8;

    /// <summary>Accumulator vectors per tile: 8 leaves room for weights and broadcasts in the 16 ymm registers of AVX2.</summary>
    private const int AccumulatorVectors = 8;

    public int BlockChannels => Vectors * Lanes;

    /// <summary>
    /// The variant for the host and AArch64 profiles, when a group has at least 6 output channels
    /// (so that padding the channels to whole vectors wastes at most a quarter of the work);
    /// null keeps the portable kernel (Cortex-M, depthwise and other thin groups).
    /// </summary>
    public static ConvVectorBlocking? Choose(ConvGeometry g, TargetProfile target)
    {
        if (target.Name is not ("host" or "aarch64")) return null;
        if (g.OutChannelsPerGroup < 6) return null;
        int padded = RoundUp(g.OutChannelsPerGroup, Lanes);
        int vectors = padded % (2 * Lanes) == 0 ? 2 : 1;
        return new ConvVectorBlocking(vectors, AccumulatorVectors / vectors);
    }

    public int BlocksPerGroup(ConvGeometry g) => (g.OutChannelsPerGroup + BlockChannels - 1) / BlockChannels;

    private static int RoundUp(int v, int m) => (v + m - 1) / m * m;

    /// <summary>
    /// Weights [M][C/g][kH][kW] re-laid out as [group][block][c][kH][kW][BlockChannels], channels
    /// past the group's end zero: each tap's weights for a block are whole vectors.
    /// </summary>
    public Tensor RelayoutWeights(ConvGeometry g, Tensor w)
    {
        int taps = g.TapsPerOutput, blocks = BlocksPerGroup(g), bc = BlockChannels;
        var src = w.Floats;
        var r = new float[g.Groups * blocks * taps * bc];
        for (int oc = 0; oc < g.OutChannels; oc++)
        {
            int grp = oc / g.OutChannelsPerGroup, inGroup = oc % g.OutChannelsPerGroup;
            int block = grp * blocks + inGroup / bc, lane = inGroup % bc;
            for (int t = 0; t < taps; t++) r[(block * taps + t) * bc + lane] = src[oc * taps + t];
        }
        return Tensor.FromFloats(new[] { g.Groups * blocks, taps, bc }, r);
    }

    /// <summary>Bias [M] padded per block to [group][block][BlockChannels] (zeros when the node has none).</summary>
    public Tensor RelayoutBias(ConvGeometry g, Tensor? bias)
    {
        int blocks = BlocksPerGroup(g), bc = BlockChannels;
        var r = new float[g.Groups * blocks * bc];
        if (bias != null)
        {
            var src = bias.Floats;
            for (int oc = 0; oc < g.OutChannels; oc++)
            {
                int grp = oc / g.OutChannelsPerGroup, inGroup = oc % g.OutChannelsPerGroup;
                r[(grp * blocks + inGroup / bc) * bc + inGroup % bc] = src[oc];
            }
        }
        return Tensor.FromFloats(new[] { g.Groups * blocks, bc }, r);
    }
}
