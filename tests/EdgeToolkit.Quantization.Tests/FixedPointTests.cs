using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Tests;

/// <summary>The requantisation arithmetic against values worked out by hand from TFLite's definitions.</summary>
public class FixedPointTests
{
    [Theory]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(0.25, 1 << 30, -1)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.75, 1610612736, 0)]   // 0.75 * 2^31
    public void QuantizeMultiplierSplitsMantissaAndShift(double real, int multiplier, int shift)
    {
        Assert.Equal((multiplier, shift), FixedPoint.QuantizeMultiplier(real));
        Assert.Equal(real, FixedPoint.RealMultiplier(multiplier, shift), 12);
    }

    [Theory]
    [InlineData(100, 0.5, 50)]
    [InlineData(101, 0.5, 51)]     // 50.5: the high multiply's nudge rounds ties up...
    [InlineData(-101, 0.5, -50)]   // ...toward +infinity for negatives too, as TFLite does
    [InlineData(1000, 0.003, 3)]
    [InlineData(-7, 0.25, -2)]     // -1.75
    [InlineData(12345, 1.5, 18518)] // 18517.5 -> 18518
    public void MultiplyByQuantizedMultiplierRoundsToNearest(int acc, double real, int expected)
    {
        var (m, s) = FixedPoint.QuantizeMultiplier(real);
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(acc, m, s));
    }

    [Fact]
    public void SaturatesTheOneOverflowCase() =>
        Assert.Equal(int.MaxValue, FixedPoint.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue));

    [Fact]
    public void AsymmetricParamsKeepZeroExact()
    {
        var p = QuantParams.Asymmetric(-1f, 3f);
        Assert.Equal(4f / 255f, p.Scale, 6);
        Assert.Equal(0f, p.Dequantize(p.Quantize(0f)));
        Assert.Equal(-128, p.Quantize(-1f));
        Assert.Equal(127, p.Quantize(3f));
    }
}
