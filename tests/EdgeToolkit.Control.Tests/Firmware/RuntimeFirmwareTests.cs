using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>The controller runtime as firmware: same bits everywhere, no libm or malloc, its size and its cost.</summary>
public class RuntimeFirmwareTests(ITestOutputHelper output)
{
    [Fact]
    public void HostCortexM4AndCortexM0PrintTheSameBits()
    {
        // -ffp-contract=off and no libm: float32 results are bit-identical on x86-64, the M4's FPU and the M0's soft float.
        static IEnumerable<string> Results(string target) =>
            NrScriptedRuns.Report(target).Lines.Where(l => !l.StartsWith("sizeof ") && !l.StartsWith("cost "));
        var host = Results("host").ToList();
        Assert.True(host.Count > 100);
        Assert.Equal(host, Results("cortex-m4"));
        Assert.Equal(host, Results("cortex-m0"));
    }

    [Theory]
    [InlineData("host", "gcc", "nm")]
    [InlineData("cortex-m0", "arm-none-eabi-gcc", "arm-none-eabi-nm")]
    public void TheRuntimeCallsNoLibmAndNoMalloc(string target, string compiler, string nm)
    {
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-nr-symbols-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var flags = target == "host" ? new List<string>() : ["-mcpu=cortex-m0", "-mthumb", "-mfloat-abi=soft"];
            flags.AddRange(["-O2", "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-ffp-contract=off", "-c"]);
            var sources = new[] { "etk_nr.c", "etk_pid.c" }.Select(f => Path.Combine(NrProgram.RuntimeDir, f)).ToList();
            var built = ProcessRunner.Run(Toolchain.Default.Require(compiler), flags.Concat(sources), dir, TimeSpan.FromMinutes(1));
            Assert.True(built.ExitCode == 0, built.CombinedOutput);
            var symbols = ProcessRunner.Run(Toolchain.Default.Require(nm), ["-u", "etk_nr.o", "etk_pid.o"], dir, TimeSpan.FromMinutes(1));
            Assert.Equal(0, symbols.ExitCode);
            var undefined = symbols.StdOut.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("U ")).Select(l => l[2..]).Distinct().ToList();
            // gcc may turn copy and clear loops into memmove/memset; M0 float arithmetic is libgcc's __aeabi_f*.
            var allowed = new[] { "memset", "memmove", "memcpy", "etk_pid_reset", "etk_pid_step", "etk_pid_track" };
            Assert.All(undefined, s => Assert.True(allowed.Contains(s) || s.StartsWith("__aeabi_f"), $"the runtime calls {s}"));
            output.WriteLine($"{target}: {string.Join(" ", undefined)}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("cortex-m4")]
    [InlineData("cortex-m0")]
    public void NewtonOverheadOfOneStepAtTheMassSpringDamperSize(string target)
    {
        var (report, run) = NrScriptedRuns.Get(target);
        var result = report.Scenarios[NrTestScenarios.IndexOf(NrTestScenarios.MsdSizedCost)];
        var cost = result.Cost!;
        var s = NrTestScenarios.MsdSizedCost.Settings;
        // One period of max_iterations 1: D free predictions, then one Jacobian per horizon step.
        Assert.Equal((s.Delay, s.Horizon), (cost.ForwardCalls, cost.JacobianCalls));
        Assert.Equal((int)EdgeToolkit.Control.Runtime.ControlSource.Newton, result.Steps[^1].Source);
        long step = run.Recipe.TicksToInstructions(cost.StepTicks - cost.EmptyTicks);
        long model = run.Recipe.TicksToInstructions(cost.ModelTicks - cost.EmptyTicks);
        Assert.True(step > model && model > 0, $"step {step}, model {model}");
        output.WriteLine($"{target} ({run.Recipe.Board!.Name}): etk_nr_step {step} instructions, of which the linear model's " +
                         $"{cost.ForwardCalls} forward + {cost.JacobianCalls} Jacobian calls {model}: Newton overhead {step - model} " +
                         $"(p=1, m=2, Lu=3, Ly=2, N=2, 1 iteration); sizeof(etk_nr_controller) {report.ControllerBytes} B, " +
                         $"sizeof(etk_nr_settings) {report.SettingsBytes} B");
    }
}
