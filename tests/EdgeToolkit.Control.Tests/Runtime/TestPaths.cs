namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>The repository's committed control models.</summary>
internal static class TestPaths
{
    public static string RepoRoot => EdgeToolkit.Targets.RepoPaths.Root;

    public static string ModelFolder(string plant) => Path.Combine(RepoRoot, "models", "control-" + plant);
}
