using System.Collections.Concurrent;
using EdgeToolkit.Control.Data;

namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// Per-output minimum and maximum over the held-out runs of a plant's identification experiment
/// (every measured row, as config.json's range_* metrics are computed): y_scale = max - min, and the valid band
/// [min - 0.5 y_scale, max + 0.5 y_scale] of docs/controller.md. The runs are simulated again
/// (deterministic: same seeds, same data), once per process.
/// </summary>
public static class IdentificationRange
{
    private static readonly ConcurrentDictionary<(string, int, bool), (float[] Min, float[] Max)> Cache = new();

    public static (float[] Min, float[] Max) Of(string plantName, int seed = PlantCatalog.DataSeed, bool quick = false) =>
        Cache.GetOrAdd((plantName, seed, quick), key =>
        {
            var setup = PlantCatalog.Identification(key.Item1, key.Item3, key.Item2);
            var plant = PlantCatalog.Create(key.Item1);
            int m = plant.Spec.OutputCount;
            var min = Enumerable.Repeat(float.PositiveInfinity, m).ToArray();
            var max = Enumerable.Repeat(float.NegativeInfinity, m).ToArray();
            for (int r = 0; r < setup.Experiment.Runs; r++)
            {
                if (!setup.Experiment.IsHeldOut(r)) continue;
                foreach (var y in RunGenerator.Simulate(plant, setup.Experiment, r).Measured)
                    for (int o = 0; o < m; o++) { min[o] = Math.Min(min[o], (float)y[o]); max[o] = Math.Max(max[o], (float)y[o]); }
            }
            return (min, max);
        });
}
