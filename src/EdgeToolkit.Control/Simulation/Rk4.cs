namespace EdgeToolkit.Control.Simulation;

/// <summary>
/// Classic fixed-step fourth-order Runge-Kutta for x' = f(x). Buffers are allocated once, so a
/// control loop can call it every period without garbage.
/// </summary>
public sealed class Rk4
{
    /// <summary>Writes dx/dt at x into dx.</summary>
    public delegate void Derivative(ReadOnlySpan<double> x, Span<double> dx);

    private readonly double[] _k1, _k2, _k3, _k4, _tmp;

    public Rk4(int stateSize)
    {
        _k1 = new double[stateSize]; _k2 = new double[stateSize]; _k3 = new double[stateSize];
        _k4 = new double[stateSize]; _tmp = new double[stateSize];
    }

    /// <summary>Advances x in place by one step of length h.</summary>
    public void Step(double[] x, double h, Derivative f)
    {
        int n = x.Length;
        f(x, _k1);
        for (int i = 0; i < n; i++) _tmp[i] = x[i] + 0.5 * h * _k1[i];
        f(_tmp, _k2);
        for (int i = 0; i < n; i++) _tmp[i] = x[i] + 0.5 * h * _k2[i];
        f(_tmp, _k3);
        for (int i = 0; i < n; i++) _tmp[i] = x[i] + h * _k3[i];
        f(_tmp, _k4);
        for (int i = 0; i < n; i++) x[i] += h / 6.0 * (_k1[i] + 2 * _k2[i] + 2 * _k3[i] + _k4[i]);
    }
}
