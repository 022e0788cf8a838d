using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Control.Tests.Runtime;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.ClosedLoop;

public class PidTunerTests(ITestOutputHelper output)
{
    [Fact]
    public void AQuickRetuneOfMsdLandsAtTheStoredGainsOrBetter()
    {
        var preset = ControllerPresets.ForModelFolder(TestPaths.ModelFolder("msd"));
        var references = StandardReferences.All("msd");
        var options = PidTuningSetups.For("msd") with { MaxEvaluations = 500, Starts = 1 };
        var result = PidTuner.Tune(() => PlantCatalog.Create("msd"), preset.Settings, references, options);
        double stored = references.Average(r => ClosedLoopSimulation.Run(PlantCatalog.Create("msd"), new PidLoopController(preset.Settings), r).Normalised);
        output.WriteLine($"relay Ku {result.Relay[0].UltimateGain:G4} Pu {result.Relay[0].UltimatePeriod:G4} s; Tyreus-Luyben cost {result.StartCost:G4}; " +
            $"re-tuned kp {result.Kp[0]:G4} ki {result.Ki[0]:G4} kd {result.Kd[0]:G4} cost {result.Cost:G4} ({result.Evaluations} runs); stored cost {stored:G4}");
        Assert.True(result.Cost <= 1.02 * stored, $"re-tuned cost {result.Cost:G4}, stored {stored:G4}");
        Assert.True(stored < 0.5 * result.StartCost, "the search improves well on the Tyreus-Luyben start");
        Assert.Equal(preset.Settings.Kp[0], result.Kp[0], 0.1 * preset.Settings.Kp[0]);
    }

    [Fact]
    public void TyreusLuybenFollowsItsTable()
    {
        var (kp, ki, kd, tf) = RelayExperiment.TyreusLuyben(new RelayResult(0, 22, 0.63, 0.1, 0, 5));
        Assert.Equal(10f, kp, 5);                // Ku / 2.2
        Assert.Equal(10 / (2.2 * 0.63), ki, 4);  // kp / (2.2 Pu)
        Assert.Equal(10 * 0.63 / 6.3, kd, 5);    // kp Pu / 6.3
        Assert.Equal(0.63 / 6.3 / 10, tf, 6);
    }

    [Fact]
    public void RelayOnTheMsdOscillatesWhereDescribingFunctionTheorySays()
    {
        // With a relay the loop oscillates where the plant's phase reaches -180 deg; the msd with
        // one period of delay, the zero-order hold (half a period) and the ideal mass-spring-damper:
        // phase(w) = -atan2(c w, k - m w^2) - 1.5 T w. Ku = |k - m w^2 + j c w| there.
        var p = new MassSpringDamperParameters();
        double w = 1;
        for (int i = 0; i < 200; i++)
        {
            double phase = -Math.Atan2(p.Damping * w, p.Stiffness - p.Mass * w * w) - 1.5 * p.Period * w;
            w *= Math.Pow(Math.PI / -phase, 0.5);
        }
        double kuTheory = Math.Sqrt(Math.Pow(p.Stiffness - p.Mass * w * w, 2) + Math.Pow(p.Damping * w, 2));
        var settings = ControllerPresets.ForModelFolder(TestPaths.ModelFolder("msd")).Settings;
        var r = RelayExperiment.Run(PlantCatalog.Create("msd"), settings, 0, [0f], 2.0);
        output.WriteLine($"relay: Ku {r.UltimateGain:G4} (theory {kuTheory:G4}), Pu {r.UltimatePeriod:G4} s (theory {2 * Math.PI / w:G4}), {r.Cycles} cycles");
        Assert.InRange(r.UltimatePeriod, 0.7 * 2 * Math.PI / w, 1.3 * 2 * Math.PI / w);
        Assert.InRange(r.UltimateGain, 0.5 * kuTheory, 1.5 * kuTheory);
    }

    [Fact]
    public void NelderMeadFindsTheRosenbrockMinimum()
    {
        var r = NelderMead.Minimize(x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2), [-1.2, 1], [0.5, 0.5], 2000, 1e-12);
        Assert.Equal(1, r.X[0], 3);
        Assert.Equal(1, r.X[1], 3);
    }
}
