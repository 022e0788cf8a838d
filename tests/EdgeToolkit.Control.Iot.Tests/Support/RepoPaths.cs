namespace EdgeToolkit.Control.Iot.Tests.Support;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding EdgeToolkit.sln above the test's output folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EdgeToolkit.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no EdgeToolkit.sln above {AppContext.BaseDirectory}");
    }
}
