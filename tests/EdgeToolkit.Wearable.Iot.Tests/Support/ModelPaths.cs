namespace EdgeToolkit.Wearable.Iot.Tests.Support;

public static class ModelPaths
{
    /// <summary>The repository root: the first folder above the test binaries holding EdgeToolkit.sln.</summary>
    public static string Root { get; } = FindRoot();
    public static string HealthModel => Path.Combine(Root, "models", "health-events", "model.onnx");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EdgeToolkit.sln"))) return dir.FullName;
        throw new InvalidOperationException("EdgeToolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
