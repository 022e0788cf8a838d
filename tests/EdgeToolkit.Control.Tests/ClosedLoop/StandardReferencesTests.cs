using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Control.Tests.Runtime;

namespace EdgeToolkit.Control.Tests.ClosedLoop;

public class StandardReferencesTests
{
    [Theory]
    [InlineData("chirp")]
    [InlineData("steps")]
    public void MsdReferencesNeedLessForceThanTheActuatorHas(string name)
    {
        // Inverse dynamics of m x'' + c x' + k x = F along the reference (x from the rows, x'' by differences).
        var p = new MassSpringDamperParameters();
        var r = StandardReferences.Create("msd", name);
        double worstForce = 0, worstChange = 0, previous = 0;
        for (int k = 1; k < r.Steps; k++)
        {
            double x = r.Rows[k][0], v = (r.Rows[k + 1][0] - r.Rows[k - 1][0]) / (2 * r.Period);
            double a = (r.Rows[k + 1][0] - 2 * x + r.Rows[k - 1][0]) / (r.Period * r.Period);
            double force = p.Mass * a + p.Damping * v + p.Stiffness * x;
            worstForce = Math.Max(worstForce, Math.Abs(force));
            if (k > 1) worstChange = Math.Max(worstChange, Math.Abs(force - previous));
            previous = force;
            Assert.Equal(v, r.Rows[k][1], 0.02); // the velocity reference is the position's derivative
        }
        Assert.True(worstForce < 0.9 * p.ForceLimit, $"{name}: peak force {worstForce:F2} N");
        Assert.True(worstChange < p.ForceRate * p.Period, $"{name}: force changes by up to {worstChange:F2} N per period");
    }

    [Theory]
    [InlineData("tendon")]
    [InlineData("hasel")]
    public void EveryStepLevelIsReachedByTheTunedPid(string plant)
    {
        // Reachable in practice: the tuned PID settles near each level before the next transition.
        var reference = StandardReferences.Create(plant, "steps");
        var result = ControlBenchmark.Run(TestPaths.ModelFolder(plant), ControllerKind.Pid, "steps");
        var scale = IdentificationRange.Of(plant);
        int settled = (int)Math.Round(0.05 / reference.Period);
        int checkedLevels = 0;
        for (int k = 0; k < result.Log.Count; k++)
        {
            // Log row k holds y(k+1) against Rows[k+1]; check the last sample before a transition.
            int i = k + 1;
            bool levelEnds = i + 1 < reference.Rows.Length && i >= settled
                && !reference.Rows[i + 1].SequenceEqual(reference.Rows[i]) && reference.Rows[i].SequenceEqual(reference.Rows[i - settled]);
            if (!levelEnds) continue;
            checkedLevels++;
            for (int o = 0; o < reference.Outputs; o++)
            {
                if (!reference.Tracked[o]) continue;
                double error = Math.Abs(result.Log.TrueOutput[k][o] - reference.Rows[i][o]);
                Assert.True(error < 0.05 * (scale.Max[o] - scale.Min[o]), $"{plant}: output {o} is {error:G3} from its level at t = {result.Log.Time[k]:F2} s");
            }
        }
        Assert.True(checkedLevels >= 6, $"{plant}: only {checkedLevels} levels checked");
    }

    [Fact]
    public void PreviewRowsAreTheTargetsAfterTheDelay()
    {
        var r = StandardReferences.Create("tendon", "chirp");
        var preview = new float[3 * r.Outputs];
        r.Preview(10, 1, 3, preview);
        for (int j = 0; j < 3; j++)
            for (int o = 0; o < r.Outputs; o++) Assert.Equal((float)r.Rows[10 + 1 + 1 + j][o], preview[j * r.Outputs + o]);
        r.Preview(r.Steps - 1, 1, 3, preview); // past the end: the last row repeats
        Assert.Equal((float)r.Rows[^1][0], preview[2 * r.Outputs]);
    }
}
