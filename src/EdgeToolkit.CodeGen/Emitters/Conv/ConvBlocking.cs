using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// Register blocking: each inner step computes ChannelsPerBlock output channels at up to
/// PixelsPerBlock output positions, ChannelsPerBlock x PixelsPerBlock accumulators held in
/// registers, so one input load feeds several channels and one weight load several pixels.
/// </summary>
internal sealed record ConvBlocking(int ChannelsPerBlock, int PixelsPerBlock)
{
    /// <summary>Channel-block sizes in order of preference; the first that divides the group's channels wins.</summary>
    private static readonly int[] Preferred = { 4, 8, 6, 5, 3, 7, 2, 1 };
    private const int FloatRegisterFile = 32;

    public static ConvBlocking Choose(ConvGeometry g, TargetProfile target)
    {
        int accumulators = Math.Max(4, target.FloatRegisters);
        int ocb = Preferred.First(c => g.OutChannelsPerGroup % c == 0 && c <= accumulators);
        // Each position also holds its input value and each channel its weight: keep
        // accumulators + inputs + weights within the 32 float registers of FPv4/FPv5 and AArch64.
        int pixels = Math.Clamp(Math.Min(accumulators / ocb, (FloatRegisterFile - ocb) / (ocb + 1)), 1, 8);
        return new ConvBlocking(ocb, pixels);
    }

    /// <summary>
    /// Weights [M][C/g][kH][kW] re-laid out as [block][c][kH][kW][channel-in-block]: the order the
    /// inner loop reads them, so it walks one pointer forward.
    /// </summary>
    public float[] Relayout(ConvGeometry g, float[] w)
    {
        int ocb = ChannelsPerBlock, taps = g.TapsPerOutput;
        var r = new float[w.Length];
        for (int oc = 0; oc < g.OutChannels; oc++)
        {
            int block = oc / ocb, lane = oc % ocb;
            for (int t = 0; t < taps; t++) r[(block * taps + t) * ocb + lane] = w[oc * taps + t];
        }
        return r;
    }

    public Tensor RelayoutTensor(ConvGeometry g, Tensor w) =>
        Tensor.FromFloats(new[] { g.OutChannels / ChannelsPerBlock, g.TapsPerOutput, ChannelsPerBlock }, Relayout(g, w.Floats));
}
