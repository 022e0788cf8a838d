using Onnx;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>One hostile file: which real model it came from and what was done to it.</summary>
public sealed record FuzzCase(int Index, int Seed, string SeedModel, string Mutation, byte[] Bytes);

/// <summary>
/// Makes case number i of a run from the corpus. Deterministic: the same corpus, run seed and
/// index always give the same bytes, so a failure is reproduced by its seed alone.
/// </summary>
public sealed class FuzzCaseGenerator
{
    /// <summary>
    /// Mutations that would grow a file past this are retried. Parsing costs time and memory in
    /// proportion to a file's size (tiny messages cost ~20 times their bytes as objects), so the per-case
    /// limits are meaningful only for files of bounded size; the point is hostile content, not big files.
    /// </summary>
    private const int MaxCaseBytes = 16 << 20;

    private static readonly WireMutation[] WireMutations =
        StructureMutations.All().Concat(TensorMutations.All()).Concat(GraphMutations.All()).ToArray();
    private static readonly ByteMutation[] ByteMutations = Fuzzing.ByteMutations.All().ToArray();

    private readonly FuzzCorpus _corpus;
    private readonly int _runSeed;
    private readonly Dictionary<FuzzSeed, WireMessage> _trees = new();

    public FuzzCaseGenerator(FuzzCorpus corpus, int runSeed)
    {
        if (corpus.Seeds.Count == 0) throw new ArgumentException("the corpus has no models", nameof(corpus));
        _corpus = corpus; _runSeed = runSeed;
    }

    /// <summary>The random seed of case i of a run, printed with failures.</summary>
    public static int CaseSeed(int runSeed, int index)
    {
        // SplitMix64 finaliser: neighbouring indices get unrelated seeds.
        ulong z = unchecked((ulong)runSeed * 0x9E3779B97F4A7C15UL + (ulong)index + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    public FuzzCase Make(int index)
    {
        int seed = CaseSeed(_runSeed, index);
        var rng = new Random(seed);
        var source = _corpus.Pick(rng);
        var donor = _corpus.Pick(rng);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            var (bytes, mutation) = rng.Next(10) < 7 ? MutateWire(source, donor, rng) : MutateBytes(source, donor, rng);
            if (bytes != null && bytes.Length <= MaxCaseBytes) return new FuzzCase(index, seed, source.Name, mutation, bytes);
        }
        // Every attempt found nothing to act on (a seed without tensors, say): a cut file always applies.
        int cut = rng.Next(source.Bytes.Length);
        return new FuzzCase(index, seed, source.Name, $"truncate (cut at byte {cut})", source.Bytes[..cut]);
    }

    private (byte[]? Bytes, string Mutation) MutateWire(FuzzSeed source, FuzzSeed donor, Random rng)
    {
        var input = new MutationInput(Tree(source).Clone(), Tree(donor), rng);
        var done = new List<string>();
        int count = rng.Next(4) == 0 ? 2 + rng.Next(2) : 1;
        for (int k = 0; k < count * 3 && done.Count < count; k++)
        {
            var mutation = WireMutations[rng.Next(WireMutations.Length)];
            if (mutation.Apply(input) is { } detail) done.Add($"{mutation.Name} ({detail})");
        }
        if (done.Count == 0 || input.Model.EncodedLength() > MaxCaseBytes) return (null, "");
        var bytes = input.Model.ToBytes();
        // Now and then damage the bytes too, so the structured damage does not always arrive in a well-formed file.
        if (rng.Next(8) == 0)
        {
            var (damaged, detail) = ApplyBytes(bytes, donor, rng);
            return (damaged, string.Join(" + ", done) + " + " + detail);
        }
        return (bytes, string.Join(" + ", done));
    }

    private static (byte[]? Bytes, string Mutation) MutateBytes(FuzzSeed source, FuzzSeed donor, Random rng) =>
        ApplyBytes(source.Bytes, donor, rng);

    private static (byte[] Bytes, string Mutation) ApplyBytes(byte[] bytes, FuzzSeed donor, Random rng)
    {
        if (bytes.Length == 0) return (bytes, "empty");
        var mutation = ByteMutations[rng.Next(ByteMutations.Length)];
        var (result, detail) = mutation.Apply(rng, bytes, donor.Bytes);
        return (result, $"{mutation.Name} ({detail})");
    }

    private WireMessage Tree(FuzzSeed seed)
    {
        if (!_trees.TryGetValue(seed, out var tree)) _trees[seed] = tree = WireMessage.Parse(seed.Bytes, ModelProto.Descriptor);
        return tree;
    }
}
