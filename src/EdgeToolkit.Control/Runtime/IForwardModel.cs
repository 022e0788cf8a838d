namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The learned forward model y(k+1) = f(window) the controller inverts: the C# twin of the
/// generated &lt;name&gt;_run and &lt;name&gt;_jacobian (jac[o*n + i] = dy[o]/dx[i], row-major).
/// </summary>
public interface IForwardModel
{
    int Inputs { get; }
    int Outputs { get; }
    void Forward(ReadOnlySpan<float> x, Span<float> y);
    void Jacobian(ReadOnlySpan<float> x, Span<float> y, Span<float> jacobian);
}
