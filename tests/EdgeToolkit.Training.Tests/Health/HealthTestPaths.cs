namespace EdgeToolkit.Training.Tests.Health;

/// <summary>Locates the repository (fixtures and committed models) from the test's output folder.</summary>
internal static class HealthTestPaths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "src", "EdgeToolkit.Training"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Fixture(params string[] parts) =>
        Path.Combine(new[] { RepoRoot, "tests", "EdgeToolkit.Training.Tests", "Health", "Fixtures" }.Concat(parts).ToArray());
}
