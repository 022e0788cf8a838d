namespace EdgeToolkit.Targets.Tools;

/// <summary>One tool's state on this machine.</summary>
public sealed record ToolStatus(string Name, string Purpose, bool Present, string? Path, string? Version);

/// <summary>Checks every external tool and says what is missing and how to install it.</summary>
public static class Doctor
{
    public static IReadOnlyList<ToolStatus> Check(Toolchain toolchain) =>
        Toolchain.Known.Select(spec =>
        {
            var path = toolchain.Find(spec.Name);
            return new ToolStatus(spec.Name, spec.Purpose, path != null, path, path == null ? null : Version(path));
        }).ToList();

    /// <summary>The install command when something is missing, else null.</summary>
    public static string? InstallAdvice(IReadOnlyList<ToolStatus> statuses) =>
        statuses.All(s => s.Present) ? null : Toolchain.InstallCommand;

    /// <summary>First line of "tool --version" (every tool here answers it).</summary>
    private static string? Version(string path)
    {
        try
        {
            var r = ProcessRunner.Run(path, new[] { "--version" }, null, TimeSpan.FromSeconds(10));
            return r.CombinedOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
