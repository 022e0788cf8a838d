using EdgeToolkit.Onnx.Fuzzing;
using Onnx;
using Xunit.Abstractions;

namespace EdgeToolkit.Onnx.Tests.Fuzzing;

public class FuzzRunTests(ITestOutputHelper output)
{
    /// <summary>The repository's root (it holds models/), found above the test binaries.</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "EdgeToolkit.sln"))) return dir.FullName;
        throw new InvalidOperationException("EdgeToolkit.sln not found above the test binaries");
    }

    // Loaded once for the class: reading and checking a thousand seed files takes seconds.
    private static readonly Lazy<FuzzCorpus> SharedCorpus = new(() => FuzzCorpus.FromFolders(FuzzCorpus.DefaultFolders(RepoRoot())));
    private static FuzzCorpus Corpus() => SharedCorpus.Value;

    /// <summary>
    /// A few hundred damaged real models: none may crash, hang, allocate over 1 GB or fail unclearly.
    /// The time limit is loose here (a busy CI machine is no finding); ./edgetk fuzz applies 2 s.
    /// </summary>
    [Fact]
    public void Damaged_real_models_load_or_fail_clearly()
    {
        var corpus = Corpus();
        var report = Fuzzer.Run(corpus, new FuzzOptions
        {
            Cases = 300, Seed = 8,
            Limits = new FuzzLimits { CaseTime = TimeSpan.FromSeconds(30), Hang = TimeSpan.FromSeconds(60) },
        });
        output.WriteLine($"{corpus.Seeds.Count} seeds; {report.Cases} cases: {report.Valid} valid, {report.ClearErrors} clear errors, " +
                         $"slowest {report.MaxMs:0} ms, largest allocation {report.MaxAllocatedBytes >> 20} MB");
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => $"case {f.Case.Index} ({f.Case.SeedModel}, {f.Case.Mutation}): {f.Detail}")));
        Assert.Equal(300, report.Cases);
        // Both outcomes occur: the damage neither always breaks parsing nor always misses.
        Assert.True(report.Valid > 0 && report.ClearErrors > 0);
    }

    [Fact]
    public void A_case_is_the_same_bytes_for_the_same_seed_and_index()
    {
        var corpus = Corpus();
        var a = new FuzzCaseGenerator(corpus, 5);
        var b = new FuzzCaseGenerator(corpus, 5);
        var other = new FuzzCaseGenerator(corpus, 6);
        for (int i = 0; i < 20; i++)
        {
            var (x, y) = (a.Make(i), b.Make(i));
            Assert.Equal(x.Mutation, y.Mutation);
            Assert.Equal(x.Bytes, y.Bytes);
        }
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => a.Make(i).Mutation), Enumerable.Range(0, 20).Select(i => other.Make(i).Mutation));
    }

    /// <summary>The wire-level tree writes an untouched model back byte for byte, so every change in a case is a mutation's.</summary>
    [Fact]
    public void The_wire_tree_of_a_real_model_writes_back_the_same_bytes()
    {
        var seeds = Corpus().Seeds.Where(s => s.Group == "models").ToList();
        Assert.NotEmpty(seeds);
        foreach (var seed in seeds)
            Assert.Equal(seed.Bytes, WireMessage.Parse(seed.Bytes, ModelProto.Descriptor).ToBytes());
    }
}
