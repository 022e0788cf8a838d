namespace EdgeToolkit.Control.Data;

/// <summary>One feature of a forward-model window: signal "u" (command) or "y" (measurement), channel, lag (0 = time k).</summary>
public sealed record WindowEntry(string Signal, int Channel, int Lag);

/// <summary>
/// The forward model's input window at time k, in order:
/// u(k-D)[0..nu), u(k-D-1)[0..nu), ..., u(k-D-InputLags+1), then y(k)[0..ny), ..., y(k-OutputLags+1).
/// The target is y(k+1). D is the plant's input delay in periods: commands issued after k-D
/// cannot have reached y(k+1), so they are left out rather than learned as spurious inputs.
/// A controller builds exactly this vector each period (WindowHistory).
/// </summary>
public sealed record WindowLayout(int InputCount, int OutputCount, int InputLags, int OutputLags, int InputDelay = 0)
{
    public int FeatureCount => InputLags * InputCount + OutputLags * OutputCount;
    /// <summary>The first k with a full window.</summary>
    public int FirstStep => Math.Max(InputDelay + InputLags, OutputLags) - 1;

    public IReadOnlyList<WindowEntry> Entries
    {
        get
        {
            var e = new List<WindowEntry>(FeatureCount);
            for (int lag = InputDelay; lag < InputDelay + InputLags; lag++) for (int c = 0; c < InputCount; c++) e.Add(new("u", c, lag));
            for (int lag = 0; lag < OutputLags; lag++) for (int c = 0; c < OutputCount; c++) e.Add(new("y", c, lag));
            return e;
        }
    }

    /// <summary>Writes the window at time k (k >= FirstStep) from commands u and measurements y.</summary>
    public void Fill(Span<float> features, IReadOnlyList<double[]> u, IReadOnlyList<double[]> y, int k)
    {
        if (k < FirstStep) throw new ArgumentOutOfRangeException(nameof(k), $"a full window needs k >= {FirstStep}");
        int i = 0;
        for (int lag = InputDelay; lag < InputDelay + InputLags; lag++) for (int c = 0; c < InputCount; c++) features[i++] = (float)u[k - lag][c];
        for (int lag = 0; lag < OutputLags; lag++) for (int c = 0; c < OutputCount; c++) features[i++] = (float)y[k - lag][c];
    }
}
