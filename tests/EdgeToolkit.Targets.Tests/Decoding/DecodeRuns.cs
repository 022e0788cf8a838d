using System.Collections.Concurrent;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets.Decoding;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Targets.Tests.Decoding;

/// <summary>
/// The synthetic decoder's prompts, their ONNX Runtime reference decodings, and one TargetDecoder
/// run per target shared by every test that looks at it (per process).
/// </summary>
public sealed class DecodeRuns
{
    /// <summary>Token 7 comes fourth after prompt [2, 5] (and after no other prompt): the end-token case.</summary>
    public const long EndToken = 7;
    public const int MaxNewTokens = 6;

    /// <summary>
    /// [1] and [11] stop at MaxNewTokens; [2, 5] at the end token; [0, 4, 8, 6, 10, 1] at MaxContext
    /// (8 positions: 3 tokens); [3, 1, 4, 1, 5, 9, 2, 6] fills the context and gets exactly one token.
    /// </summary>
    public static readonly IReadOnlyList<long[]> Prompts = new[]
    {
        new long[] { 1 }, new long[] { 2, 5 }, new long[] { 7, 3, 9 }, new long[] { 0, 4, 8, 6, 10, 1 },
        new long[] { 3, 1, 4, 1, 5, 9, 2, 6 }, new long[] { 11 },
    };

    public static readonly RunOptions Options = new() { HostTimingPerCase = TimeSpan.FromMilliseconds(5) };

    public static ModelGraph Graph { get; } = SyntheticDecoder.Graph(seed: 1);
    public static DecoderSignature Signature { get; } = SyntheticDecoder.Signature(EndToken);

    private static readonly ConcurrentDictionary<string, Lazy<DecodeRunResult>> Runs = new();
    private static readonly Lazy<IReadOnlyList<long[]>> ReferenceTokens = new(() => Reference(Signature));

    public IReadOnlyList<long[]> Expected => ReferenceTokens.Value;

    public static IReadOnlyList<long[]> Reference(DecoderSignature signature, int maxNewTokens = MaxNewTokens)
    {
        using var session = new OrtSession(Graph);
        return Prompts.Select(p => OrtReferenceDecoder.Decode(session, Graph, signature, p, maxNewTokens)).ToList();
    }

    public static GeneratedModel Model(string target) =>
        CCodeGenerator.Generate(Graph, new CodeGenOptions { Name = "toylm", Target = TargetProfile.ForTarget(target) });

    /// <summary>The shared run; key "again" makes a second, independent run of the same target.</summary>
    public DecodeRunResult Get(string target, string key = "") =>
        Runs.GetOrAdd(target + "/" + key, _ => new Lazy<DecodeRunResult>(() =>
            TargetDecoder.Generate(Model(target), Signature, target, null, Prompts, MaxNewTokens, Options))).Value;
}
