using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>y = A x + b: a forward model whose Jacobian is A everywhere (hand-checkable Newton steps).</summary>
internal sealed class LinearForwardModel(int inputs, int outputs, float[] a, float[] b) : IForwardModel
{
    public int Inputs => inputs;
    public int Outputs => outputs;
    public int JacobianCalls { get; private set; }
    public int ForwardCalls { get; private set; }

    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        ForwardCalls++;
        for (int o = 0; o < outputs; o++)
        {
            float s = b[o];
            for (int i = 0; i < inputs; i++) s += a[o * inputs + i] * x[i];
            y[o] = s;
        }
    }

    public void Jacobian(ReadOnlySpan<float> x, Span<float> y, Span<float> jacobian)
    {
        JacobianCalls++;
        ForwardCalls--;
        Forward(x, y);
        a.AsSpan().CopyTo(jacobian);
    }

    /// <summary>The same map in double, for independent references.</summary>
    public double[] Evaluate(IReadOnlyList<double> x)
    {
        var y = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double s = b[o];
            for (int i = 0; i < inputs; i++) s += a[o * inputs + i] * x[i];
            y[o] = s;
        }
        return y;
    }
}
