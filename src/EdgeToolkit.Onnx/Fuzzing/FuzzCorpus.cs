using Onnx;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>A real model the fuzzer damages. Group is the folder it was found under.</summary>
public sealed record FuzzSeed(string Name, string Group, byte[] Bytes);

/// <summary>
/// The real models cases start from. Seeds are drawn folder first, then file, so that the four
/// Silero files weigh as much as the thousand small backend cases.
/// </summary>
public sealed class FuzzCorpus
{
    /// <summary>Larger seeds would make each case slow without exercising anything new.</summary>
    public const int MaxSeedBytes = 16 << 20;

    private readonly List<List<FuzzSeed>> _groups;

    public IReadOnlyList<FuzzSeed> Seeds { get; }
    /// <summary>Files left out, with why (too large, not protobuf).</summary>
    public IReadOnlyList<string> Skipped { get; }

    private FuzzCorpus(List<FuzzSeed> seeds, List<string> skipped)
    {
        Seeds = seeds; Skipped = skipped;
        _groups = seeds.GroupBy(s => s.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
    }

    /// <summary>Where real models live on a machine set up by scripts/setup.sh: the zoo, ONNX's backend cases, npm packages.</summary>
    public static IReadOnlyList<string> DefaultFolders(string repoRoot) => new[]
    {
        Path.Combine(repoRoot, "models"), "/usr/share/libonnx-testdata/data", Path.Combine(repoRoot, ".build", "npm"),
    }.Where(Directory.Exists).ToList();

    /// <summary>Every .onnx file under the folders (recursively), in a fixed order so runs repeat.</summary>
    public static FuzzCorpus FromFolders(IEnumerable<string> folders)
    {
        var seeds = new List<FuzzSeed>();
        var skipped = new List<string>();
        foreach (var folder in folders)
        {
            var group = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            var files = Directory.EnumerateFiles(folder, "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var name = Path.GetRelativePath(folder, file);
                if (new FileInfo(file).Length > MaxSeedBytes) { skipped.Add($"{file}: larger than {MaxSeedBytes >> 20} MB"); continue; }
                var bytes = File.ReadAllBytes(file);
                if (bytes.Length == 0 || !IsWellFormed(bytes)) { skipped.Add($"{file}: not a protobuf ModelProto"); continue; }
                seeds.Add(new FuzzSeed($"{group}/{name}", group, bytes));
            }
        }
        return new FuzzCorpus(seeds, skipped);
    }

    /// <summary>A corpus of models made in memory (tests).</summary>
    public static FuzzCorpus Of(IEnumerable<FuzzSeed> seeds) => new(seeds.ToList(), new List<string>());

    private static bool IsWellFormed(byte[] bytes)
    {
        try { WireMessage.Parse(bytes, ModelProto.Descriptor); return true; }
        catch (FormatException) { return false; }
        catch (OverflowException) { return false; }
    }

    internal FuzzSeed Pick(Random rng)
    {
        var group = _groups[rng.Next(_groups.Count)];
        return group[rng.Next(group.Count)];
    }
}
