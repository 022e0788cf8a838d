using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Tests.Runtime;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.ClosedLoop;

/// <summary>
/// The goals with the stored presets, Newton and the tuned PID on the same reference and
/// noise. msd: Newton's RMS tracking error at most half the PID's on both references. tendon: the
/// learned model's multi-step drift keeps Newton from beating the tuned PID on the steps
/// (ClosedLoop/README.md); Newton must still win the chirp and stay within 1.6x on the steps.
/// </summary>
public class ClosedLoopGoalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("msd", "chirp", 0.5)]
    [InlineData("msd", "steps", 0.5)]
    [InlineData("tendon", "chirp", 1.0)]
    [InlineData("tendon", "steps", 1.6)]
    public void NewtonAgainstTheTunedPid(string plant, string reference, double largestRatio)
    {
        var c = ControlBenchmark.Compare(TestPaths.ModelFolder(plant), reference);
        output.WriteLine($"{plant} {reference}: Newton RMS {Format(c.Newton.Rms)}, PID RMS {Format(c.Pid.Rms)}, normalised ratio {c.Ratio:F3}, " +
            $"Newton iterations {c.Newton.Counters.NewtonIterations}, saturated {c.Newton.Counters.SaturatedSteps}");
        Assert.Equal(0, c.Newton.Counters.Fallbacks);
        Assert.True(c.Ratio <= largestRatio, $"{plant} {reference}: Newton / PID = {c.Ratio:F3} > {largestRatio}");
    }

    [Fact]
    public void HaselRunsAndReports()
    {
        foreach (var reference in StandardReferences.Names)
        {
            var c = ControlBenchmark.Compare(TestPaths.ModelFolder("hasel"), reference);
            output.WriteLine($"hasel {reference}: Newton RMS {Format(c.Newton.Rms)}, PID RMS {Format(c.Pid.Rms)}, normalised ratio {c.Ratio:F3}");
            Assert.All(c.Newton.Rms.Concat(c.Pid.Rms), v => Assert.True(double.IsFinite(v)));
            Assert.Equal(c.Newton.Log.Count, StandardReferences.Create("hasel", reference).Steps);
        }
    }

    private static string Format(double[] rms) => string.Join(" ", rms.Where(double.IsFinite).Select(v => v.ToString("G3")));
}
