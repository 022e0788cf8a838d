using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Decoding;
using Xunit.Abstractions;

namespace EdgeToolkit.Targets.Tests.Decoding;

public class TargetDecoderTests : IClassFixture<DecodeRuns>
{
    private readonly DecodeRuns _runs;
    private readonly ITestOutputHelper _log;

    public TargetDecoderTests(DecodeRuns runs, ITestOutputHelper log) { _runs = runs; _log = log; }

    public static TheoryData<string> Targets => new() { "host", "aarch64", "cortex-m4" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void TokensMatchOnnxRuntimeGreedyDecoding(string target)
    {
        var result = _runs.Get(target);
        Assert.Equal(DecodeRuns.Prompts.Count, result.Tokens.Count);
        for (int k = 0; k < DecodeRuns.Prompts.Count; k++) Assert.Equal(_runs.Expected[k], result.Tokens[k]);
        Assert.Equal(1, result.Runs);
        _log.WriteLine($"{target} {result.Board ?? "-"}: steps={result.Steps} instructions/token median={result.InstructionsPerTokenMedian} " +
            $"mean={result.InstructionsPerTokenMean:0.0} ns/token={result.NsPerToken:0.0} flash={result.FlashBytes} ram={result.RamBytes} " +
            $"state={result.StateBytes} stack={result.StackBytes} image_flash={result.ImageFlashBytes}");
        _log.WriteLine(string.Join(" | ", result.Tokens.Select(t => string.Join(",", t))));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void StopsAtEndTokenMaxNewTokensAndMaxContext(string target)
    {
        var result = _runs.Get(target);
        var tokens = result.Tokens;
        // [2, 5]: the end token stops it before MaxNewTokens, although the model would go on without it.
        Assert.Equal(DecodeRuns.EndToken, tokens[1][^1]);
        Assert.InRange(tokens[1].Length, 1, DecodeRuns.MaxNewTokens - 1);
        var withoutEnd = DecodeRuns.Reference(SyntheticDecoder.Signature(endToken: -1));
        Assert.True(withoutEnd[1].Length > tokens[1].Length);
        // [1] and [11]: MaxNewTokens.
        Assert.Equal(DecodeRuns.MaxNewTokens, tokens[0].Length);
        Assert.Equal(DecodeRuns.MaxNewTokens, tokens[5].Length);
        // Six prompt tokens in eight positions leave three tokens; a full context leaves one.
        Assert.Equal(SyntheticDecoder.Context - 6 + 1, tokens[3].Length);
        Assert.Single(tokens[4]);
        // One step per prompt token and per generated token after the first.
        for (int k = 0; k < tokens.Count; k++)
            Assert.Equal(DecodeRuns.Prompts[k].Length + tokens[k].Length - 1, result.StepsPerPrompt[k]);
        Assert.Equal(SyntheticDecoder.Context, result.StepsPerPrompt[3]);
        Assert.Equal(result.StepsPerPrompt.Sum(), result.Steps);
    }

    [Fact]
    public void ShorterMaxContextBoundsGeneration()
    {
        var signature = SyntheticDecoder.Signature(DecodeRuns.EndToken, maxContext: 4);
        var result = TargetDecoder.Generate(DecodeRuns.Model("host"), signature, "host", null, DecodeRuns.Prompts, 10, DecodeRuns.Options);
        var expected = DecodeRuns.Reference(signature, maxNewTokens: 10);
        Assert.Equal(expected, result.Tokens);
        Assert.All(result.StepsPerPrompt, s => Assert.InRange(s, 1, 4));
        Assert.Equal(4 - 3 + 1, result.Tokens[2].Length); // [7, 3, 9]: positions 0-3
        Assert.Empty(result.Tokens[4]);                   // 8 prompt tokens never fit 4 positions
    }

    [Fact]
    public void McuInstructionsPerTokenArePositiveAndRepeatExactly()
    {
        var first = _runs.Get("cortex-m4");
        var second = _runs.Get("cortex-m4", "again");
        Assert.Equal("mps2-an386", first.Board);
        Assert.NotNull(first.InstructionsPerStep);
        Assert.Equal(first.Steps, first.InstructionsPerStep!.Count);
        Assert.All(first.InstructionsPerStep, i => Assert.True(i > 0));
        Assert.Equal(first.InstructionsPerStep, second.InstructionsPerStep);
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.InRange(first.InstructionsPerTokenMedian!.Value, first.InstructionsPerStep.Min(), first.InstructionsPerStep.Max());
        Assert.Equal(first.InstructionsPerStep.Average(), first.InstructionsPerTokenMean!.Value, 6);
        Assert.True(first.StackBytes > 0);
        Assert.InRange(first.FlashBytes, 1, first.ImageFlashBytes - 1);
        Assert.Equal(2L * SyntheticDecoder.Context * SyntheticDecoder.Width * 4, first.StateBytes);
        Assert.Null(first.NsPerToken);
    }

    [Fact]
    public void HostedFiguresAreWhereTheyApply()
    {
        var host = _runs.Get("host");
        var aarch64 = _runs.Get("aarch64");
        Assert.True(host.NsPerToken > 0);
        Assert.Null(host.InstructionsPerStep);
        Assert.Null(aarch64.NsPerToken);
        Assert.Null(aarch64.StackBytes);
        Assert.False(Directory.Exists(host.BuildDirectory));
    }

    [Fact]
    public void SplitsPromptsOverSeveralRunsWithTheSameTokens()
    {
        var limits = new DecodeLimits { MaxStepsPerRun = 10 };
        var result = TargetDecoder.Generate(DecodeRuns.Model("cortex-m4"), DecodeRuns.Signature, "cortex-m4", null,
            DecodeRuns.Prompts, DecodeRuns.MaxNewTokens, DecodeRuns.Options, limits);
        Assert.Equal(_runs.Expected, result.Tokens);
        Assert.True(result.Runs >= 3, $"{result.Runs} runs");
        Assert.Equal(result.Runs, result.RunCommands.Count);
        // Each step costs the same wherever the split falls.
        Assert.True(_runs.Get("cortex-m4").InstructionsPerStep!.SequenceEqual(result.InstructionsPerStep!), string.Join(",", _runs.Get("cortex-m4").InstructionsPerStep!) + "\n" + string.Join(",", result.InstructionsPerStep!));
    }

    [Fact]
    public void SplitsByPromptBytes()
    {
        var prompts = DecodeRuns.Prompts;
        // One byte per token (vocabulary 12) plus a 4-byte offset: 5 + 6 + 7 bytes for the first three prompts.
        Assert.Equal(3, DecodeBatches.Take(prompts, 0, SyntheticDecoder.Vocab, 6, 8, byteBudget: 18, stepBudget: 1000));
        Assert.Equal(2, DecodeBatches.Take(prompts, 0, SyntheticDecoder.Vocab, 6, 8, byteBudget: 17, stepBudget: 1000));
        // Steps bound: [1] 6, [2, 5] 7, [7, 3, 9] 8 (= MaxContext).
        Assert.Equal(2, DecodeBatches.Take(prompts, 0, SyntheticDecoder.Vocab, 6, 8, byteBudget: 1000, stepBudget: 13));
        Assert.Equal(1, DecodeBatches.Take(prompts, 3, SyntheticDecoder.Vocab, 6, 8, byteBudget: 1, stepBudget: 1));
    }

    [Fact]
    public void RefusesPromptsAndSignaturesItCannotRun()
    {
        var model = DecodeRuns.Model("host");
        var bad = Assert.Throws<EdgeToolkitException>(() => TargetDecoder.Generate(model, DecodeRuns.Signature, "host", null,
            new[] { new long[] { 1, SyntheticDecoder.Vocab } }, 4, DecodeRuns.Options));
        Assert.Equal(ErrorKind.BadInput, bad.Kind);
        Assert.Contains("outside the vocabulary", bad.Message);

        var wrongState = DecodeRuns.Signature with { States = new[] { new StatePair("cache", "logits") } };
        var e = Assert.Throws<EdgeToolkitException>(() => TargetDecoder.Generate(model, wrongState, "host", null, DecodeRuns.Prompts, 4, DecodeRuns.Options));
        Assert.Equal(ErrorKind.BadInput, e.Kind);

        var noState = DecodeRuns.Signature with { States = Array.Empty<StatePair>() };
        e = Assert.Throws<EdgeToolkitException>(() => TargetDecoder.Generate(model, noState, "host", null, DecodeRuns.Prompts, 4, DecodeRuns.Options));
        Assert.Contains("'cache'", e.Message);
    }
}
