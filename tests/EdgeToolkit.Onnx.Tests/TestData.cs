using EdgeToolkit.Graph;
using Xunit.Abstractions;

namespace EdgeToolkit.Onnx.Tests;

/// <summary>Debian's ONNX backend test data (package libonnx-testdata); tests skip when it is absent.</summary>
internal static class TestData
{
    public const string Root = "/usr/share/libonnx-testdata/data";

    /// <summary>The case folder, or null (with a note in the test output) when the data is not installed.</summary>
    public static string? Case(ITestOutputHelper output, string relative)
    {
        var dir = Path.Combine(Root, relative);
        if (Directory.Exists(dir)) return dir;
        output.WriteLine($"SKIPPED: {dir} not found (install Debian's libonnx-testdata)");
        return null;
    }
}

/// <summary>Comparison with the ONNX backend tests' tolerance (rtol 1e-3, atol 1e-7, a bit looser for float32 sums).</summary>
internal static class Close
{
    public static void Equal(Tensor expected, Tensor actual, string what, double rtol = 1e-3, double atol = 1e-5)
    {
        Assert.True(expected.Type == actual.Type, $"{what}: type {actual.Type}, expected {expected.Type}");
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape [{string.Join(",", actual.Shape)}], expected [{string.Join(",", expected.Shape)}]");
        if (expected.Data is string[] es) { Assert.Equal(es, (string[])actual.Data); return; }
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected.GetDouble(i), a = actual.GetDouble(i);
            if (double.IsNaN(e)) { Assert.True(double.IsNaN(a), $"{what}[{i}]: {a}, expected NaN"); continue; }
            Assert.True(e == a || Math.Abs(e - a) <= atol + rtol * Math.Abs(e), $"{what}[{i}]: {a}, expected {e}");
        }
    }
}
