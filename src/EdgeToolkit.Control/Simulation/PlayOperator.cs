namespace EdgeToolkit.Control.Simulation;

/// <summary>
/// The play (backlash) operator of half-width r: the output follows the input only once the
/// input has moved r past it, y = clamp(y_prev, x - r, x + r). Its loops depend on the path
/// of the input, not on its speed (rate independent): the textbook hysteresis of slack cables.
/// </summary>
public sealed class PlayOperator
{
    public PlayOperator(double halfWidth, double initialOutput = 0)
    {
        if (halfWidth < 0) throw new ArgumentOutOfRangeException(nameof(halfWidth), "half-width must be >= 0");
        HalfWidth = halfWidth; Output = initialOutput;
    }

    public double HalfWidth { get; }
    public double Output { get; private set; }

    /// <summary>The output for input x without committing it (used inside RK4 stages).</summary>
    public double Peek(double x) => Math.Clamp(Output, x - HalfWidth, x + HalfWidth);

    public double Update(double x) => Output = Peek(x);

    public void Reset(double output) => Output = output;
}
