using Xunit.Abstractions;

namespace EdgeToolkit.CodeGen.Tests.Jacobian;

/// <summary>
/// NAME_jacobian built and run on each target (one batched program per target, every model and
/// input in it): jac against the double reference within 1e-5 of its largest entry, and y equal
/// to NAME_run's output bit for bit. On Cortex-M4 it prints the instruction counts of both calls.
/// </summary>
public class JacobianTargetTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    /// <summary>The control period's model work for msd: one forward pass and two forward + Jacobian evaluations.</summary>
    private const long MsdBudget = 40_000;

    [Theory]
    [InlineData("host", "gcc")]
    [InlineData("cortex-m4", "qemu-system-arm")]
    [InlineData("cortex-m0", "qemu-system-arm")]
    [InlineData("aarch64", "qemu-aarch64")]
    public void Jacobian_matches_the_reference_and_y_matches_run(string target, string tool)
    {
        if (!HostC.OnPath(tool)) return;
        var cases = JacobianCases.All();
        var models = cases.Select(c => (CCodeGenerator.Generate(c.Compiled, new CodeGenOptions
        {
            Name = c.Name, Target = TargetProfile.ForTarget(target), EmitJacobian = true,
        }), c.Inputs)).ToList();
        var runs = JacobianProgram.Run(target, models);

        for (int k = 0; k < cases.Count; k++)
            for (int i = 0; i < cases[k].Inputs.Count; i++)
            {
                var what = $"{cases[k].Name} on {target}, input {i}";
                var r = runs[k].Results[i];
                Assert.True(r.RunY.Select(BitConverter.SingleToUInt32Bits).SequenceEqual(r.JacobianY.Select(BitConverter.SingleToUInt32Bits)),
                    $"{what}: y of _jacobian [{string.Join(", ", r.JacobianY)}] differs from _run's [{string.Join(", ", r.RunY)}]");
                AssertClose(cases[k].Reference.Jacobian(cases[k].Inputs[i].Select(v => (double)v).ToArray()), r.Jacobian, what);
            }

        if (target == "cortex-m4") Report(cases, runs);
    }

    private static void AssertClose(double[,] want, float[] got, string what)
    {
        int m = want.GetLength(0), n = want.GetLength(1);
        Assert.Equal(m * n, got.Length);
        double largest = want.Cast<double>().Max(Math.Abs);
        Assert.True(largest > 0, $"{what}: the reference Jacobian is all zero, which checks nothing");
        for (int o = 0; o < m; o++)
            for (int i = 0; i < n; i++)
                if (!(Math.Abs(got[o * n + i] - want[o, i]) <= Tolerance * largest))
                    Assert.Fail($"{what}: jac[{o}][{i}] = {got[o * n + i]}, reference {want[o, i]} (largest entry {largest})");
    }

    private void Report(IReadOnlyList<JacobianCase> cases, IReadOnlyList<JacobianModelRun> runs)
    {
        output.WriteLine("Cortex-M4 (mps2-an386, QEMU icount), instructions per call, median over inputs:");
        for (int k = 0; k < cases.Count; k++)
        {
            long run = Median(runs[k].RunInstructions), jacobian = Median(runs[k].JacobianInstructions);
            output.WriteLine($"  {cases[k].Name,-11} _run {run,7:N0}   _jacobian {jacobian,7:N0}   1 run + 2 jacobian {run + 2 * jacobian,7:N0}");
            if (cases[k].Name == "msd") output.WriteLine($"  {"",-11} (msd's model budget per control period: {MsdBudget:N0})");
        }
    }

    private static long Median(IReadOnlyList<long> values) => values.Order().ElementAt(values.Count / 2);
}
