using System.Globalization;
using System.Text;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>The host's file mode (nr_file_main.c), the entry point for comparing the C controller with the C# ones.</summary>
public class ScenarioFileFirmwareTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "edgetk-nr-file-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void AScenarioFileGivesTheCommandsOfTheCompiledInScenario()
    {
        // Closed loop, model faults and the PID fallback all go through the text format; %.9g reads back to the same floats.
        var dir = TempDir();
        try
        {
            var program = NrProgram.BuildFileProgram(dir);
            foreach (var scn in new[] { NrTestScenarios.Mismatch, NrTestScenarios.Diverged, NrTestScenarios.Sensor })
            {
                var printed = NrProgram.RunFileProgram(program, NrScenarioText.Write(scn), dir);
                Assert.DoesNotContain("0x", printed); // decimal, not bits
                AssertSameRun(NrScriptedRuns.Result("host", scn), NrReport.Parse(printed, [scn], []).Scenarios[0]);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ALinkedModelStandsInForTheLinearOne()
    {
        // The readings the closed-loop run fed, now given open loop, with the same A and b as a linked "generated" model.
        var scn = NrTestScenarios.NewtonH1;
        var compiled = NrScriptedRuns.Result("host", scn);
        var openLoop = new NrScenario
        {
            Name = scn.Name + "-linked", Settings = scn.Settings, A = scn.A, B = scn.B, Refs = scn.Refs,
            Readings = compiled.Steps.Select(s => s.Y).ToArray(),
        };
        var dir = TempDir();
        try
        {
            var program = NrProgram.BuildFileProgram(dir, (LinkedModel("lin", scn), "lin"));
            var printed = NrProgram.RunFileProgram(program, NrScenarioText.Write(openLoop, linkedModel: true), dir);
            AssertSameRun(compiled, NrReport.Parse(printed, [openLoop], []).Scenarios[0]);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AScenarioFileWithAMissingListIsRefused()
    {
        var text = NrScenarioText.Write(NrTestScenarios.NewtonH1).Replace("\nlambda ", "\n# lambda ");
        var dir = TempDir();
        try
        {
            var program = NrProgram.BuildFileProgram(dir);
            var e = Assert.Throws<EdgeToolkit.Graph.EdgeToolkitException>(() => NrProgram.RunFileProgram(program, text, dir));
            Assert.Contains("lambda has 0 values, 2 expected", e.Message);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertSameRun(NrScenarioResult expected, NrScenarioResult actual)
    {
        Assert.Equal(expected.Counters, actual.Counters);
        Assert.Equal(expected.Steps.Count, actual.Steps.Count);
        for (int k = 0; k < expected.Steps.Count; k++)
        {
            Assert.Equal(expected.Steps[k].Source, actual.Steps[k].Source);
            Assert.Equal(expected.Steps[k].U, actual.Steps[k].U);
            Assert.Equal(expected.Steps[k].Y, actual.Steps[k].Y);
        }
    }

    /// <summary>A stand-in for generated C: &lt;name&gt;_run and &lt;name&gt;_jacobian of y = A x + b, summed like nr_linear_eval.</summary>
    private static string LinkedModel(string name, NrScenario scn)
    {
        int m = scn.B.Length, n = scn.A.Length / m;
        static string List(float[] v) => string.Join(", ", v.Select(NrScenarioTable.F));
        var c = new StringBuilder();
        c.Append(CultureInfo.InvariantCulture, $"static const float a[{m * n}] = {{ {List(scn.A)} }};\nstatic const float b[{m}] = {{ {List(scn.B)} }};\n");
        c.Append($"int {name}_run(const float *x, float *y);\nint {name}_jacobian(const float *x, float *y, float *jac);\n");
        c.Append($"int {name}_run(const float *x, float *y)\n{{\n    int o, i;\n    for (o = 0; o < {m}; o++)\n    {{\n        float acc = b[o];\n");
        c.Append($"        for (i = 0; i < {n}; i++) acc += a[o * {n} + i] * x[i];\n        y[o] = acc;\n    }}\n    return 0;\n}}\n");
        c.Append($"int {name}_jacobian(const float *x, float *y, float *jac)\n{{\n    int i;\n    for (i = 0; i < {m * n}; i++) jac[i] = a[i];\n    return {name}_run(x, y);\n}}\n");
        return c.ToString();
    }
}
