using System.Globalization;
using System.Text;
using EdgeToolkit.CodeGen.Runtime;
using EdgeToolkit.Quantization.Tests.Dense;

namespace EdgeToolkit.Quantization.Tests.Foreign;

/// <summary>
/// The C helpers etk_rint_sat_f and etk_rint_sat_d (PortableMath: ONNX's round half to even and
/// saturation without libm, used by QuantizeLinear, DynamicQuantizeLinear, QLinearConv and
/// QLinearMatMul) against .NET's MidpointRounding.ToEven, compiled with the host gcc at the
/// generated code's flags: ties on both sides of zero and at the bounds, their float neighbours,
/// huge values, infinities, NaN, signed zeros and random values. Inputs travel as bit patterns.
/// </summary>
public class RoundingHelperTests
{
    private static readonly (int Lo, int Hi)[] Bounds = { (-128, 127), (0, 255), (-255, 0), (-1000, 1000) };

    [Fact]
    public void Float_helper_rounds_half_to_even_and_saturates()
    {
        if (!HostGcc.OnPath("gcc")) return;
        var values = Values().Select(v => (float)v).Concat(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon })
            .SelectMany(v => new[] { v, MathF.BitIncrement(v), MathF.BitDecrement(v) }).Distinct().ToList();
        var bits = values.Select(v => $"0x{BitConverter.SingleToUInt32Bits(v):X8}u");
        var printed = Run("rint_sat_f", "uint32_t", "float", bits, "etk_rint_sat_f");
        int i = 0;
        foreach (var (lo, hi) in Bounds)
            foreach (var v in values)
            {
                long expected = float.IsNaN(v) ? 0 : (long)Math.Clamp(Math.Round((double)v, MidpointRounding.ToEven), lo, hi);
                Assert.True(expected == printed[i++], $"etk_rint_sat_f({v:R}, {lo}, {hi}) = {printed[i - 1]}, expected {expected}");
            }
    }

    [Fact]
    public void Double_helper_rounds_half_to_even_and_saturates()
    {
        if (!HostGcc.OnPath("gcc")) return;
        var values = Values().Concat(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0d, double.Epsilon, 1e300, -1e300 })
            .SelectMany(v => new[] { v, Math.BitIncrement(v), Math.BitDecrement(v) }).Distinct().ToList();
        var bits = values.Select(v => $"0x{BitConverter.DoubleToUInt64Bits(v):X16}ull");
        var printed = Run("rint_sat_d", "uint64_t", "double", bits, "etk_rint_sat_d");
        int i = 0;
        foreach (var (lo, hi) in Bounds)
            foreach (var v in values)
            {
                long expected = double.IsNaN(v) ? lo : (long)Math.Clamp(Math.Round(v, MidpointRounding.ToEven), lo, hi);
                Assert.True(expected == printed[i++], $"etk_rint_sat_d({v:R}, {lo}, {hi}) = {printed[i - 1]}, expected {expected}");
            }
    }

    /// <summary>Ties and integers around zero and every bound, large values, and random ones.</summary>
    private static IEnumerable<double> Values()
    {
        for (double t = -4.5; t <= 4.5; t += 0.5) yield return t;
        foreach (var (lo, hi) in Bounds)
            foreach (var b in new[] { lo, hi })
                for (double d = -1.5; d <= 1.5; d += 0.5) yield return b + d;
        foreach (var big in new[] { 4194303.5, 4194304.5, 8388607.5, 16777216.0, 2147483648.0, 1e10, 9.3e18 }) { yield return big; yield return -big; }
        var rng = new Random(5);
        for (int i = 0; i < 200; i++) yield return (rng.NextDouble() - 0.5) * 600;
    }

    /// <summary>Calls the helper on every value for every bound pair, in that order; returns what it printed.</summary>
    private static long[] Run(string helper, string bitsType, string type, IEnumerable<string> bits, string function)
    {
        var list = bits.ToList();
        var c = new StringBuilder("#include <stdint.h>\n#include <stdio.h>\n#include <string.h>\n\n");
        c.Append(PortableMath.Code(new[] { helper }));
        c.Append($"\nstatic const {bitsType} values[{list.Count}] = {{ {string.Join(", ", list)} }};\n");
        c.Append($"static const int32_t bounds[{Bounds.Length}][2] = {{ {string.Join(", ", Bounds.Select(b => $"{{ {b.Lo}, {b.Hi} }}"))} }};\n\n");
        c.Append("int main(void)\n{\n    int b, i;\n");
        c.Append($"    for (b = 0; b < {Bounds.Length}; b++)\n        for (i = 0; i < {list.Count}; i++)\n        {{\n");
        c.Append($"            {type} v;\n            memcpy(&v, &values[i], sizeof v);\n");
        c.Append($"            printf(\"%ld\\n\", (long){function}(v, bounds[b][0], bounds[b][1]));\n        }}\n    return 0;\n}}\n");
        return HostGcc.CompileAndRun(c.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToArray();
    }
}
