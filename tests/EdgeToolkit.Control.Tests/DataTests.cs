using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Excitation;
using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Control.Tests;

public class DataTests
{
    [Fact]
    public void HeldOutRunsAreWholeRunsDisjointFromTrainingAndCoverEveryExcitation()
    {
        var spec = PlantCatalog.Identification("msd", quick: true).Experiment with { Runs = 20 };
        var runs = RunGenerator.Generate(new MassSpringDamper(), spec);
        var held = runs.Where(r => r.HeldOut).Select(r => r.Index).ToHashSet();
        var train = runs.Where(r => !r.HeldOut).Select(r => r.Index).ToHashSet();
        Assert.Equal(new[] { 4, 9, 14, 19 }, held.OrderBy(i => i));
        Assert.Empty(held.Intersect(train));
        Assert.Equal(20, held.Count + train.Count);
        Assert.Equal(4, runs.Where(r => r.HeldOut).Select(r => r.Kind).Distinct().Count());

        var layout = new WindowLayout(1, 2, 3, 2);
        var all = WindowSet.FromRuns(runs, layout);
        var heldWindows = WindowSet.FromRuns(runs.Where(r => r.HeldOut), layout);
        var trainWindows = WindowSet.FromRuns(runs.Where(r => !r.HeldOut), layout);
        Assert.Equal(all.Count, heldWindows.Count + trainWindows.Count);
        Assert.Equal(4 * (spec.StepsPerRun - layout.FirstStep), heldWindows.Count);
    }

    [Fact]
    public void RunsAreReproducibleFromTheSeed()
    {
        var spec = PlantCatalog.Identification("tendon", quick: true).Experiment;
        var a = RunGenerator.Simulate(new TendonPlant(), spec, 3);
        var b = RunGenerator.Simulate(new TendonPlant(), spec, 3);
        var c = RunGenerator.Simulate(new TendonPlant(), spec with { Seed = spec.Seed + 1 }, 3);
        Assert.Equal(a.Measured.SelectMany(v => v), b.Measured.SelectMany(v => v));
        Assert.NotEqual(a.Measured.SelectMany(v => v), c.Measured.SelectMany(v => v));
        Assert.Equal(spec.StepsPerRun + 1, a.Measured.Length);
    }

    [Fact]
    public void WindowFollowsTheDocumentedOrder()
    {
        // u(k) = [10k, 10k+1], y(k) = [100k]: each feature names its own signal and time.
        var u = Enumerable.Range(0, 6).Select(k => new double[] { 10 * k, 10 * k + 1 }).ToArray();
        var y = Enumerable.Range(0, 7).Select(k => new double[] { 100 * k }).ToArray();
        var layout = new WindowLayout(InputCount: 2, OutputCount: 1, InputLags: 2, OutputLags: 3);
        var f = new float[layout.FeatureCount];
        layout.Fill(f, u, y, 4);
        Assert.Equal(new float[] { 40, 41, 30, 31, 400, 300, 200 }, f);
        Assert.Equal(new[] { "u0@0", "u1@0", "u0@1", "u1@1", "y0@0", "y0@1", "y0@2" }, layout.Entries.Select(e => $"{e.Signal}{e.Channel}@{e.Lag}"));
        Assert.Equal(2, layout.FirstStep);

        // With an input delay of 2 periods the newest command in the window is u(k-2).
        var delayed = layout with { InputDelay = 2 };
        delayed.Fill(f, u, y, 4);
        Assert.Equal(new float[] { 20, 21, 10, 11, 400, 300, 200 }, f);
        Assert.Equal(3, delayed.FirstStep);
        Assert.Equal(new[] { 2, 2, 3, 3 }, delayed.Entries.Where(e => e.Signal == "u").Select(e => e.Lag));
    }

    [Fact]
    public void NrmseIsRmseOverTheRangeInPercent()
    {
        // Output 0: errors 1 and -1 -> RMSE 1, range 50 -> 2%. Output 1: errors 0 and 3 -> RMSE sqrt(4.5), range 10.
        var predicted = new float[] { 1, 0, 9, 8 };
        var actual = new float[] { 0, 0, 10, 5 };
        var r = PredictionMetrics.NrmsePctRange(predicted, actual, 2, new float[] { 0, 0 }, new float[] { 50, 10 });
        Assert.Equal(2.0, r[0], 9);
        Assert.Equal(Math.Sqrt(4.5) * 10, r[1], 6);
    }
}

public class WindowHistoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void OnlineWindowsEqualTheRecordedOnes(int inputDelay)
    {
        var spec = PlantCatalog.Identification("hasel", quick: true).Experiment;
        var plant = new HaselPlant();
        var run = RunGenerator.Simulate(plant, spec, 2);
        var layout = PlantCatalog.Identification("hasel").LayoutFor(plant.Spec) with { InputDelay = inputDelay };
        var history = new WindowHistory(layout);
        var online = new float[layout.FeatureCount];
        var offline = new float[layout.FeatureCount];
        for (int k = 0; k < run.Commands.Length; k++)
        {
            history.Observe(run.Measured[k]);
            history.FillWindow(online, run.Commands[k]);
            if (k >= layout.FirstStep)
            {
                layout.Fill(offline, run.Commands, run.Measured, k);
                Assert.Equal(offline, online);
            }
            history.Commit(run.Commands[k]);
        }
    }
}
