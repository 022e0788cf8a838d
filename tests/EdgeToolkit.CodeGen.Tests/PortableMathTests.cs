using System.Globalization;
using EdgeToolkit.CodeGen.Runtime;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>The libm-free helpers against System.Math over dense grids, compiled with the host gcc.</summary>
public class PortableMathTests
{
    /// <summary>Evaluates f on a grid of n+1 floats from lo to hi (computed in C), returns (x, f(x)) pairs.</summary>
    private static List<(float X, float Y)> Evaluate(string helper, string call, float lo, float hi, int n)
    {
        var main = $$"""
            #include <stdio.h>
            #include <stdint.h>
            #include <string.h>
            {{PortableMath.Code(new[] { helper })}}
            int main(void)
            {
                int i;
                for (i = 0; i <= {{n}}; i++) {
                    float x = {{CNames.Float(lo)}} + ({{CNames.Float(hi)}} - {{CNames.Float(lo)}}) * ((float)i / {{n}}.0f), y = {{call}};
                    uint32_t bx, by;
                    memcpy(&bx, &x, 4); memcpy(&by, &y, 4);
                    printf("%08x %08x\n", (unsigned)bx, (unsigned)by);
                }
                return 0;
            }
            """;
        var text = HostC.CompileAndRun(new Dictionary<string, string> { ["main.c"] = main });
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            var p = l.Split(' ');
            return (BitConverter.UInt32BitsToSingle(uint.Parse(p[0], NumberStyles.HexNumber)), BitConverter.UInt32BitsToSingle(uint.Parse(p[1], NumberStyles.HexNumber)));
        }).ToList();
    }

    private static (double Abs, double Rel) MaxError(List<(float X, float Y)> points, Func<double, double> exact)
    {
        double abs = 0, rel = 0;
        foreach (var (x, y) in points)
        {
            double e = exact(x), d = Math.Abs(y - e);
            abs = Math.Max(abs, d);
            if (Math.Abs(e) > 1e-30) rel = Math.Max(rel, d / Math.Abs(e));
        }
        return (abs, rel);
    }

    [Fact]
    public void Tanh_is_within_1e6_absolute()
    {
        var (abs, _) = MaxError(Evaluate("tanh", "etk_tanhf(x)", -12f, 12f, 48000), Math.Tanh);
        Assert.True(abs <= 1e-6, $"max abs error {abs}");
    }

    [Fact]
    public void Sigmoid_is_within_1e6_absolute_and_relative_where_it_matters()
    {
        var points = Evaluate("sigmoid", "etk_sigmoidf(x)", -30f, 30f, 30000);
        var (abs, _) = MaxError(points, x => 1 / (1 + Math.Exp(-x)));
        var (_, rel) = MaxError(points.Where(p => p.X > -20).ToList(), x => 1 / (1 + Math.Exp(-x)));
        Assert.True(abs <= 1e-6, $"max abs error {abs}");
        Assert.True(rel <= 2e-6, $"max rel error {rel}");
    }

    [Fact]
    public void Exp_is_within_a_few_ulp_over_the_float_range()
    {
        var (_, rel) = MaxError(Evaluate("exp", "etk_expf(x)", -87f, 88.5f, 40000), Math.Exp);
        Assert.True(rel <= 5e-7, $"max rel error {rel}");
        var extremes = Evaluate("exp", "etk_expf(x)", -200f, 200f, 4);
        Assert.Equal(0f, extremes[0].Y);
        Assert.True(float.IsPositiveInfinity(extremes[4].Y));
    }

    [Fact]
    public void Log_is_within_a_few_ulp()
    {
        var (abs, rel) = MaxError(Evaluate("log", "etk_logf(x)", 1e-6f, 1000f, 40000), Math.Log);
        Assert.True(rel <= 5e-7 || abs <= 5e-7, $"max rel error {rel}");
        var small = MaxError(Evaluate("log", "etk_logf(x)", 0.5f, 2f, 20000), Math.Log);
        Assert.True(small.Abs <= 2e-7, $"max abs error near 1: {small.Abs}");
    }

    [Fact]
    public void Sqrt_is_within_an_ulp_including_subnormals()
    {
        Assert.True(MaxError(Evaluate("sqrt", "etk_sqrtf(x)", 0f, 1e4f, 40000), Math.Sqrt).Rel <= 2.5e-7);
        Assert.True(MaxError(Evaluate("sqrt", "etk_sqrtf(x)", 1e-44f, 1e-38f, 1000), Math.Sqrt).Rel <= 1e-6);
    }

    [Fact]
    public void Erf_is_within_1e6_absolute()
    {
        var (abs, _) = MaxError(Evaluate("erf", "etk_erff(x)", -6f, 6f, 48000), Erf);
        Assert.True(abs <= 1e-6, $"max abs error {abs}");
    }

    [Fact]
    public void Pow_is_exact_for_small_integer_exponents_and_close_otherwise()
    {
        var cubes = Evaluate("pow", "etk_powf(x, 3.0f)", -4f, 4f, 800);
        foreach (var (x, y) in cubes) Assert.Equal(x * x * x, y);
        var (_, rel) = MaxError(Evaluate("pow", "etk_powf(x, 0.37f)", 0.001f, 100f, 20000), x => Math.Pow(x, 0.37f));
        Assert.True(rel <= 1e-6, $"max rel error {rel}");
    }

    /// <summary>erf to double precision (Abramowitz-Stegun 7.1.26 is too coarse to judge it): the series, or the continued fraction of erfc.</summary>
    private static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a < 3)
        {
            double sum = a, term = a;
            for (int n = 1; n < 200; n++) { term *= -a * a / n; sum += term / (2 * n + 1); }
            return Math.Sign(x) * 2 / Math.Sqrt(Math.PI) * sum;
        }
        double f = 0;
        for (int n = 60; n >= 1; n--) f = n / 2.0 / (a + f);
        return Math.Sign(x) * (1 - Math.Exp(-a * a) / Math.Sqrt(Math.PI) / (a + f));
    }
}
