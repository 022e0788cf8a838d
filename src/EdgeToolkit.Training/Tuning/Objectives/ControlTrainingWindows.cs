using System.Collections.Concurrent;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// The training windows of a control model, regenerated as ControlTask does (same experiment and
/// seed, held-out runs skipped, run by run) and kept for the process: simulating the runs takes
/// seconds, and a pruning benchmark fine-tunes the same model many times.
/// </summary>
internal sealed record ControlTrainingWindows(PlantSpec Plant, WindowSet Windows, int[] WindowsPerRun)
{
    private static readonly ConcurrentDictionary<IdentificationSetup, Lazy<ControlTrainingWindows>> Cache = new();

    public static ControlTrainingWindows For(IdentificationSetup setup) =>
        Cache.GetOrAdd(setup, s => new Lazy<ControlTrainingWindows>(() => Generate(s))).Value;

    private static ControlTrainingWindows Generate(IdentificationSetup setup)
    {
        var plant = PlantCatalog.Create(setup.Plant);
        var exp = setup.Experiment;
        var runs = Enumerable.Range(0, exp.Runs).Where(r => !exp.IsHeldOut(r)).Select(r => RunGenerator.Simulate(plant, exp, r)).ToList();
        var layout = setup.LayoutFor(plant.Spec);
        return new ControlTrainingWindows(plant.Spec, WindowSet.FromRuns(runs, layout), Control.OpenLoopRollout.WindowsPerRun(runs, layout));
    }
}
