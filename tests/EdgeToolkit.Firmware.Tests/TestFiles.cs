using EdgeToolkit.Targets;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>Paths the tests share, and a temp folder per test that removes itself.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgetk-fw-test-" + Guid.NewGuid().ToString("N")[..8]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

public static class TestFiles
{
    public static string Runtime => Path.Combine(RepoPaths.Firmware, "runtime");
    public static string BoardCommon => Path.Combine(RepoPaths.Firmware, "boards", "common");
    public static string CSources => Path.Combine(RepoPaths.Root, "tests", "EdgeToolkit.Firmware.Tests", "CSources");
    public static string MsdModel => Path.Combine(RepoPaths.Root, "models", "control-msd");
}
