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
    [InlineData(101, 0.5, 51)]      // 50.5: ties round up...
    [InlineData(-101, 0.5, -50)]    // ...toward +infinity for negatives too (floor(x + 1/2))
    [InlineData(1000, 0.003, 3)]
    [InlineData(-7, 0.25, -2)]      // -1.75
    [InlineData(-6, 0.25, -1)]      // -1.5 -> -1 (double rounding took it away from zero, to -2)
    [InlineData(12345, 1.5, 18518)] // 18517.5 -> 18518
    [InlineData(2, 0.1875, 0)]      // 0.375 -> 0; double rounding gave 1: the high multiply rounded 1.5 up to 2, then 2/4 = 0.5 up to 1
    [InlineData(-2, 0.1875, 0)]     // -0.375
    [InlineData(3, 0.1875, 1)]      // 0.5625
    public void MultiplyByQuantizedMultiplierRoundsOnceToNearest(int acc, double real, int expected)
    {
        var (m, s) = FixedPoint.QuantizeMultiplier(real);
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(acc, m, s));
    }

    [Fact]
    public void SaturatesToInt32()
    {
        // Multiplier 2^30 with a left shift of 30 is M = 2^29: acc * 2^29 leaves int32 for |acc| > 4.
        Assert.Equal(int.MaxValue, FixedPoint.MultiplyByQuantizedMultiplier(int.MaxValue, 1 << 30, 30));
        Assert.Equal(int.MinValue, FixedPoint.MultiplyByQuantizedMultiplier(-5, 1 << 30, 30));
        Assert.Equal(int.MinValue, FixedPoint.MultiplyByQuantizedMultiplier(-4, 1 << 30, 30));
        Assert.Equal(int.MaxValue, FixedPoint.MultiplyByQuantizedMultiplier(4, 1 << 30, 30));   // 2^31 saturates
        Assert.Equal(1 << 29, FixedPoint.MultiplyByQuantizedMultiplier(1, 1 << 30, 30));
        // The zero point is added to the saturated value without wrapping.
        Assert.Equal(127, FixedPoint.Requantize(int.MaxValue, 1 << 30, 30, 100, -128, 127));
    }

    /// <summary>Random accumulators, multipliers and shifts: the result is floor(acc M 2^(S-31) + 1/2), computed with big integers.</summary>
    [Fact]
    public void EqualsRoundHalfUpOfTheExactProduct()
    {
        var rng = new Random(3);
        for (int i = 0; i < 20000; i++)
        {
            int acc = rng.Next(int.MinValue, int.MaxValue), m = rng.Next(1 << 30, int.MaxValue), s = rng.Next(-31, 1);
            // floor(acc m / 2^(31 - s) + 1/2) = floor((2 acc m + 2^(31 - s)) / 2^(32 - s))
            var num = 2 * (System.Numerics.BigInteger)acc * m + System.Numerics.BigInteger.Pow(2, 31 - s);
            var den = System.Numerics.BigInteger.Pow(2, 32 - s);
            var q = System.Numerics.BigInteger.DivRem(num, den, out var rem);
            if (rem.Sign < 0) q -= 1;   // DivRem truncates toward zero
            Assert.Equal((int)q, FixedPoint.MultiplyByQuantizedMultiplier(acc, m, s));
        }
    }

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
