using System.Text.RegularExpressions;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// Every generated loop that calls etk_expf, etk_erff, etk_sigmoidf or etk_tanhf (Erf, Exp,
/// Sigmoid, Tanh, and Softmax's exponential) is vectorised by gcc -O2 -ffp-contract=off, the
/// host and AArch64 flags, as -fopt-info-vec reports it: a branch or a call left in one of them
/// would make it scalar again. Both in place and into a separate buffer.
/// </summary>
public class ElementwiseVectorisationTests
{
    private static ModelGraph Chain()
    {
        var b = new GraphBuilder("vec");
        var x = b.Input("x", DataType.Float32, 8, 64);
        var h = b.OpNamed("erf", "Erf", new[] { x });
        h = b.OpNamed("exp", "Exp", new[] { h });
        h = b.OpNamed("sigmoid", "Sigmoid", new[] { h });
        // The graph input can not be overwritten: Tanh writes to a buffer of its own.
        var t = b.OpNamed("tanh", "Tanh", new[] { x });
        h = b.OpNamed("add", "Add", new[] { h, t });
        b.Output(b.OpNamed("softmax", "Softmax", new[] { h }));
        return b.Graph;
    }

    [Theory]
    [InlineData("gcc", "host")]
    [InlineData("aarch64-linux-gnu-gcc", "aarch64")]
    public void Loops_calling_the_math_helpers_vectorise_at_O2(string compiler, string target)
    {
        if (!HostC.OnPath(compiler)) return;
        var model = CCodeGenerator.Generate(Chain(), new CodeGenOptions { Target = TargetProfile.ForTarget(target) });
        var dir = Directory.CreateTempSubdirectory("etk-vec-").FullName;
        try
        {
            model.WriteTo(dir);
            HostC.Exec(compiler, $"{HostC.Flags} -fopt-info-vec-optimized=vec.txt -c model.c -o model.o", dir);
            var vectorised = Regex.Matches(File.ReadAllText(Path.Combine(dir, "vec.txt")), @"model\.c:(\d+):\d+: optimized: loop vectorized")
                .Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
            var loops = HelperLoops(File.ReadAllLines(Path.Combine(dir, "model.c")));
            Assert.Equal(5, loops.Count);
            foreach (var (line, text) in loops)
                Assert.True(vectorised.Contains(line), $"{target}: the loop at model.c:{line} ({text.Trim()}) is not vectorised");
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>The header line (1-based) of each kernel loop whose body calls a math helper.</summary>
    private static List<(int Line, string Text)> HelperLoops(string[] lines)
    {
        int kernels = Array.FindIndex(lines, l => l.StartsWith("static void ", StringComparison.Ordinal));
        var loops = new List<(int, string)>();
        for (int i = kernels; i < lines.Length; i++)
        {
            if (!Regex.IsMatch(lines[i], @"etk_(expf|erff|sigmoidf|tanhf)\(")) continue;
            int header = i;
            while (!lines[header].TrimStart().StartsWith("for (", StringComparison.Ordinal)) header--;
            loops.Add((header + 1, lines[header]));
        }
        return loops;
    }
}
