namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>The repository's committed control models, found from the test's output folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "models", "control-msd"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ModelFolder(string plant) => Path.Combine(RepoRoot, "models", "control-" + plant);
}
