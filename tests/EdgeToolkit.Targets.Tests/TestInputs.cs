using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Tests;

/// <summary>Seeded input cases.</summary>
public static class TestInputs
{
    public static float[] Uniform(int seed, int length, float scale = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    /// <summary>Three cases for Tiny, including values whose results are not exactly representable.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, Tensor>> TinyCases() => new[]
    {
        Uniform(1, 8),
        Uniform(2, 8, 1000f),
        new[] { 0f, -0f, 1f / 3f, -7.25f, 1e-3f, 3e7f, -1.5e-20f, 0.1f },
    }.Select(x => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1, 8 }, x) }).ToList();
}
