using EdgeToolkit.Control.Excitation;
using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Control.Data;

/// <summary>
/// How the identification data are produced: Runs open-loop runs of StepsPerRun periods each,
/// excitation kinds cycling Chirp, RandomSteps, Prbs, Mix by run index, and every
/// HeldOutEvery-th run (indices HeldOutEvery-1, 2*HeldOutEvery-1...) kept out of training.
/// </summary>
public sealed record ExperimentSpec(int Runs, int StepsPerRun, int HeldOutEvery, int Seed, ExcitationOptions Excitation)
{
    public bool IsHeldOut(int run) => run % HeldOutEvery == HeldOutEvery - 1;
    public ExcitationKind KindOf(int run) => (ExcitationKind)(run % 4);
}

/// <summary>
/// One open-loop run: Commands[k] is u(k), issued at the start of period k; Measured[k] is y(k),
/// so Measured has one more row than Commands (Measured[0] is the reading after Reset).
/// </summary>
public sealed record PlantRun(int Index, ExcitationKind Kind, bool HeldOut, double[][] Commands, double[][] Measured);

public static class RunGenerator
{
    /// <summary>Simulates every run of the experiment on the plant (Reset before each run).</summary>
    public static IReadOnlyList<PlantRun> Generate(IPlant plant, ExperimentSpec spec)
    {
        var runs = new List<PlantRun>(spec.Runs);
        for (int r = 0; r < spec.Runs; r++) runs.Add(Simulate(plant, spec, r));
        return runs;
    }

    public static PlantRun Simulate(IPlant plant, ExperimentSpec spec, int run)
    {
        var ps = plant.Spec;
        var kind = spec.KindOf(run);
        var channels = new double[ps.InputCount][];
        for (int c = 0; c < ps.InputCount; c++)
            channels[c] = ExcitationSignals.Commands(
                ExcitationSignals.Generate(kind, spec.StepsPerRun, ps.Period, ps.Inputs[c].Min, ps.Inputs[c].Max, SeedOf(spec.Seed, run, c), spec.Excitation),
                ps.Inputs[c].Initial, ps.Inputs[c].RatePerSecond * ps.Period, spec.Excitation);
        plant.Reset(SeedOf(spec.Seed, run, 1000));
        var commands = new double[spec.StepsPerRun][];
        var measured = new double[spec.StepsPerRun + 1][];
        measured[0] = plant.Measured.ToArray();
        for (int k = 0; k < spec.StepsPerRun; k++)
        {
            commands[k] = new double[ps.InputCount];
            for (int c = 0; c < ps.InputCount; c++) commands[k][c] = channels[c][k];
            measured[k + 1] = plant.Step(commands[k]);
        }
        return new PlantRun(run, kind, spec.IsHeldOut(run), commands, measured);
    }

    /// <summary>A seed per (experiment, run, stream), stable across .NET versions (no string hashing).</summary>
    public static int SeedOf(int seed, int run, int stream)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (int v in new[] { seed, run, stream }) { h ^= (uint)v; h *= 16777619; h ^= h >> 15; }
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
