using EdgeToolkit.Control.Excitation;
using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Control.Data;

/// <summary>The identification experiment of one plant: runs and excitation, and the forward model's window.</summary>
public sealed record IdentificationSetup(string Plant, ExperimentSpec Experiment, int InputLags, int OutputLags)
{
    /// <summary>The window for the plant: its input delay decides the most recent command that can reach y(k+1).</summary>
    public WindowLayout LayoutFor(PlantSpec spec) => new(spec.InputCount, spec.OutputCount, InputLags, OutputLags, spec.DelayPeriods);
}

/// <summary>
/// The built-in plants by name (msd, tendon, hasel) with their default parameters and the
/// identification experiment the zoo models are trained on. Window sizes follow nn4mc where it
/// published them: tendon 2x4 commands + 3x6 outputs = 26 inputs, HASEL 6x3 + 3x6 = 36.
/// </summary>
public static class PlantCatalog
{
    public const int DataSeed = 20240;
    public static readonly IReadOnlyList<string> Names = new[] { "msd", "tendon", "hasel" };

    public static IPlant Create(string name) => name switch
    {
        "msd" => new MassSpringDamper(),
        "tendon" => new TendonPlant(),
        "hasel" => new HaselPlant(),
        _ => throw new ArgumentException($"unknown plant '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <param name="quick">A small experiment for tests (fewer, shorter runs; same window).</param>
    public static IdentificationSetup Identification(string name, bool quick = false, int seed = DataSeed)
    {
        var (runs, steps, inLags, outLags, excitation) = name switch
        {
            "msd" => (40, 1000, 3, 2, new ExcitationOptions { ChirpMinHz = 0.05, ChirpMaxHz = 3, MinHoldPeriods = 5, MaxHoldPeriods = 100, PrbsBitPeriods = 5, MinSegmentPeriods = 100, MaxSegmentPeriods = 300 }),
            // Tendon and HASEL: slew-limited commands and a rest at the start (ClosedLoop/README.md,
            // "identification data"): models of unlimited commands, from runs that leave the rest
            // state at once, drift from rest and mislead the controller.
            "tendon" => (40, 1500, 4, 6, new ExcitationOptions { ChirpMinHz = 0.05, ChirpMaxHz = 4, MinHoldPeriods = 10, MaxHoldPeriods = 150, PrbsBitPeriods = 10, MinSegmentPeriods = 150, MaxSegmentPeriods = 400,
                RestPeriods = 50, SlewLimited = true }),
            "hasel" => (40, 1500, 3, 6, new ExcitationOptions { ChirpMinHz = 0.02, ChirpMaxHz = 3, MinHoldPeriods = 20, MaxHoldPeriods = 200, PrbsBitPeriods = 15, MinSegmentPeriods = 150, MaxSegmentPeriods = 400,
                RestPeriods = 50, SlewLimited = true }),
            _ => throw new ArgumentException($"unknown plant '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
        };
        if (quick) (runs, steps) = (10, 300);
        return new IdentificationSetup(name, new ExperimentSpec(runs, steps, HeldOutEvery: 5, seed, excitation), inLags, outLags);
    }
}
