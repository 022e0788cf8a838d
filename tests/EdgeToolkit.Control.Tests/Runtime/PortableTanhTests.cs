using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

public class PortableTanhTests
{
    [Fact]
    public void StaysWithinTheGeneratedCsDocumentedErrorOfTanh()
    {
        // etk_tanhf's documented maximum error is 6.7e-7 (plus float rounding of the result).
        double worst = 0;
        for (int i = -12000; i <= 12000; i++)
        {
            float x = i * 1e-3f;
            worst = Math.Max(worst, Math.Abs(PortableTanh.Tanh(x) - Math.Tanh(x)));
        }
        Assert.True(worst < 6.7e-7 + 6e-8, $"max |error| {worst:E2}");
    }

    [Fact]
    public void IsOddAndExactNearZero()
    {
        foreach (float x in new[] { 1e-6f, 0.01f, 0.7f, 3f, 9f })
            Assert.Equal(-PortableTanh.Tanh(x), PortableTanh.Tanh(-x));
        Assert.Equal(0f, PortableTanh.Tanh(0f));
        Assert.Equal(1e-6f, PortableTanh.Tanh(1e-6f)); // leading coefficients exactly 1
    }

    [Fact]
    public void SigmoidFollowsTheLogistic()
    {
        for (int i = -200; i <= 200; i++)
        {
            float x = i * 0.1f;
            Assert.True(Math.Abs(1.0 / (1.0 + Math.Exp(-x)) - PortableSigmoid.Sigmoid(x)) < 3e-7, $"sigmoid({x})");
        }
    }
}
