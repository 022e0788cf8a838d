namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// A step sequence a plant can follow: Levels[0] until First seconds, then every Hold seconds the
/// next level, reached along a minimum-jerk (quintic) transition of Transition seconds, which
/// starts and ends with zero velocity and acceleration. The last level holds to the end.
/// </summary>
public sealed record SmoothSteps(double[] Levels, double First, double Hold, double Transition)
{
    public double Value(double t)
    {
        var (from, to, x) = Segment(t);
        return from + (to - from) * x * x * x * (10 - 15 * x + 6 * x * x);
    }

    /// <summary>d Value / dt.</summary>
    public double Rate(double t)
    {
        var (from, to, x) = Segment(t);
        return (to - from) * 30 * x * x * (1 - x) * (1 - x) / Transition;
    }

    /// <summary>The levels around t and how far (0..1) the transition between them has gone.</summary>
    private (double From, double To, double X) Segment(double t)
    {
        if (t < First) return (Levels[0], Levels[0], 0);
        int i = Math.Min(Levels.Length - 1, 1 + (int)((t - First) / Hold));
        double since = t - First - (i - 1) * Hold;
        return (Levels[i - 1], Levels[i], Math.Clamp(since / Transition, 0, 1));
    }
}
