using System.Globalization;
using System.Text;
using EdgeToolkit.CodeGen.Runtime;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// The C helper etk_requantize (PortableMath) against FixedPoint's single-rounding TFLite
/// arithmetic, compiled with the host gcc: every shift from -31 to 30 with accumulators and
/// multipliers at the int32 extremes (including the saturating left shifts), around the rounding
/// ties, and at random.
/// </summary>
public class RequantizeHelperTests
{
    [Fact]
    public void MatchesFixedPointOnEdgeCases()
    {
        if (!HostGcc.OnPath("gcc")) return;
        var cases = Cases().ToList();
        var c = new StringBuilder("#include <stdint.h>\n#include <stdio.h>\n\n");
        c.Append(PortableMath.Code(new[] { "requant" }));
        c.Append($"\nstatic const int32_t cases[{cases.Count}][3] = {{\n");
        foreach (var (acc, m, s) in cases) c.Append($"    {{ {Literal(acc)}, {Literal(m)}, {s} }},\n");
        c.Append("};\n\nint main(void)\n{\n    int i;\n");
        c.Append($"    for (i = 0; i < {cases.Count}; i++) printf(\"%ld\\n\", (long)etk_requantize(cases[i][0], cases[i][1], cases[i][2]));\n");
        c.Append("    return 0;\n}\n");
        var printed = HostGcc.CompileAndRun(c.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Count, printed.Length);
        for (int i = 0; i < cases.Count; i++)
        {
            var (acc, m, s) = cases[i];
            Assert.True(FixedPoint.MultiplyByQuantizedMultiplier(acc, m, s) == int.Parse(printed[i], CultureInfo.InvariantCulture),
                $"etk_requantize({acc}, {m}, {s}) = {printed[i]}, FixedPoint says {FixedPoint.MultiplyByQuantizedMultiplier(acc, m, s)}");
        }
    }

    private static string Literal(int v) => v == int.MinValue ? "INT32_MIN" : v.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<(int Acc, int M, int S)> Cases()
    {
        var rng = new Random(17);
        int[] accs = { 0, 1, -1, 2, -2, 3, -3, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1, 1 << 30, -(1 << 30), 12345, -12345 };
        int[] mults = { 0, 1, -1, 1 << 30, (1 << 30) + 1, int.MaxValue, int.MinValue, int.MinValue + 1, 1518500250, -1518500250 };
        for (int s = -31; s <= 30; s++)
        {
            foreach (var a in accs)
                foreach (var m in mults)
                    yield return (a, m, s);
            for (int i = 0; i < 40; i++) yield return (rng.Next(int.MinValue, int.MaxValue), rng.Next(int.MinValue, int.MaxValue), s);
            // Accumulators on and next to the ties of the final rounding, for a few multipliers.
            foreach (var m in new[] { 1 << 30, 1518500250, int.MaxValue })
                for (int t = -3; t <= 3; t++)
                {
                    if (s > 0) continue;
                    double real = FixedPoint.RealMultiplier(m, s);
                    long tie = (long)Math.Round((t + 0.5) / real);
                    for (long d = -2; d <= 2; d++)
                        if (tie + d is >= int.MinValue and <= int.MaxValue) yield return ((int)(tie + d), m, s);
                }
        }
    }
}
