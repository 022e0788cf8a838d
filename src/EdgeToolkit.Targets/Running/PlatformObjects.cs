using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>
/// The platform objects (startup, semihosting, timer, harness port) of a recipe, compiled once and
/// cached under the temp folder, keyed by compiler, flags and source contents; the cache folder is
/// filled under a temporary name and renamed, so concurrent processes never see half of it.
/// </summary>
public static class PlatformObjects
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<string>>> Built = new();

    public static IReadOnlyList<string> Get(BuildRecipe recipe)
    {
        var key = Key(recipe);
        var lazy = Built.GetOrAdd(key, k => new Lazy<IReadOnlyList<string>>(() => Build(recipe, k)));
        try { return lazy.Value; }
        catch { Built.TryRemove(key, out _); throw; }
    }

    private static string Key(BuildRecipe recipe)
    {
        var text = new StringBuilder(recipe.Compiler).Append('\n').AppendJoin(' ', recipe.CompileFlags).Append('\n');
        foreach (var source in recipe.PlatformSources) text.Append(source).Append('\n').Append(File.ReadAllText(source));
        foreach (var dir in recipe.PlatformSources.Select(Path.GetDirectoryName).Distinct().Order())
            foreach (var header in Directory.GetFiles(dir!, "*.h").Order())
                text.Append(header).Append('\n').Append(File.ReadAllText(header));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
    }

    private static IReadOnlyList<string> Build(BuildRecipe recipe, string key)
    {
        var root = Path.Combine(Path.GetTempPath(), "edgetk-platform", $"{recipe.Board?.Name ?? recipe.Target}-{key}");
        var objects = recipe.PlatformSources.Select(s => Path.Combine(root, Path.GetFileNameWithoutExtension(s) + ".o")).ToList();
        if (objects.All(File.Exists)) return objects;
        var staging = root + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var args = recipe.CompileFlags.Concat(new[] { "-c" }).Concat(recipe.PlatformSources).ToList();
            var r = ProcessRunner.Run(recipe.Compiler, args, staging, TimeSpan.FromMinutes(2));
            if (r.ExitCode != 0)
                throw new EdgeToolkitException(ErrorKind.CheckFailed,
                    $"the board support for {recipe.Board?.Name ?? recipe.Target} does not compile: {r.CombinedOutput.Trim()}",
                    file: recipe.PlatformSources[0], hint: "check firmware/boards/common and firmware/harness");
            try { Directory.Move(staging, root); }
            catch (IOException) when (objects.All(File.Exists)) { /* another process won the race: use its objects */ }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return objects;
    }
}
