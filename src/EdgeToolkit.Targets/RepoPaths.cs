using System.Reflection;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets;

/// <summary>
/// Finds the repository's data folders (hardware/, firmware/) at run time: $EDGETK_ROOT if set,
/// else the first folder above the running assembly (or the current folder) that holds both,
/// else the source tree this assembly was built from (binaries built with --artifacts-path).
/// </summary>
public static class RepoPaths
{
    public const string RootVariable = "EDGETK_ROOT";

    public static string Root => FindRoot(Environment.GetEnvironmentVariable(RootVariable), AppContext.BaseDirectory,
        Environment.CurrentDirectory, BuiltFrom);

    private static string? BuiltFrom => typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), false)
        .OfType<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "EdgeToolkitSourceRoot")?.Value;
    public static string Hardware => Path.Combine(Root, "hardware");
    public static string Firmware => Path.Combine(Root, "firmware");

    public static string FindRoot(string? overrideRoot, params string?[] startDirs)
    {
        if (!string.IsNullOrEmpty(overrideRoot))
        {
            if (IsRoot(overrideRoot)) return Path.GetFullPath(overrideRoot);
            throw new EdgeToolkitException(ErrorKind.BadInput, $"{RootVariable}={overrideRoot} has no hardware/ and firmware/ folders",
                hint: $"point {RootVariable} at the EdgeToolkit repository, or unset it");
        }
        foreach (var start in startDirs.OfType<string>())
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (IsRoot(dir.FullName)) return dir.FullName;
        throw new EdgeToolkitException(ErrorKind.BadInput,
            $"no EdgeToolkit repository (hardware/ and firmware/) above {string.Join(" or ", startDirs.OfType<string>())}",
            hint: $"set {RootVariable} to the repository folder");
    }

    private static bool IsRoot(string dir) =>
        Directory.Exists(Path.Combine(dir, "hardware")) && Directory.Exists(Path.Combine(dir, "firmware", "boards"));
}
