using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Decoding;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Training.Evaluation;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Evaluation on a compiled target: the generated C runs the samples in batches (inputs in the
/// image's flash on a board), so one emulator start scores many samples.
/// </summary>
public sealed class TargetBackend : IInferenceBackend
{
    private readonly Compilation _compilation;
    private readonly Reporter? _reporter;
    private readonly Dictionary<string, double> _figures = new();
    private readonly List<long> _instructions = new();

    public TargetBackend(Compilation compilation, Reporter? reporter = null) { _compilation = compilation; _reporter = reporter; }

    public string Target => _compilation.Target;
    public string? Board => _compilation.Board?.Name;
    public IReadOnlyDictionary<string, double> Figures => _figures;

    public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Run(IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases)
    {
        var results = new List<IReadOnlyDictionary<string, Tensor>>(cases.Count);
        int chunk = ChunkSize(cases);
        for (int start = 0; start < cases.Count; start += chunk)
        {
            var part = cases.Skip(start).Take(chunk).ToList();
            _reporter?.Progress($"running samples {start + 1}-{start + part.Count} of {cases.Count} on {Target}{(Board != null ? " (" + Board + ", emulated)" : "")}");
            var r = TargetRunner.Run(_compilation.Code, Target, _compilation.Board, part, new RunOptions
            {
                FastMath = _compilation.FastMath, HostTimingPerCase = TimeSpan.Zero, HostTimedCases = 8, RunTimeout = TimeSpan.FromMinutes(5),
            });
            results.AddRange(r.Outputs);
            if (r.InstructionsPerCase != null) _instructions.AddRange(r.InstructionsPerCase);
            _figures["flash_bytes"] = r.FlashBytes;
            _figures["ram_bytes"] = r.RamBytes;
            if (r.StackBytes is long s) _figures["stack_bytes"] = s;
        }
        if (_instructions.Count > 0) _figures["instructions_per_inference"] = _instructions.Order().ElementAt(_instructions.Count / 2);
        _figures["arena_bytes"] = _compilation.Code.ArenaBytes;
        return results;
    }

    /// <summary>The whole greedy loop runs on the target (prompts in flash, one model step per token).</summary>
    public IReadOnlyList<long[]> Generate(DecoderSignature signature, IReadOnlyList<long[]> prompts, int maxNewTokens)
    {
        _reporter?.Progress($"decoding {prompts.Count} prompts on {Target}{(Board != null ? " (" + Board + ", emulated)" : "")}");
        var r = TargetDecoder.Generate(_compilation.Code, signature, Target, _compilation.Board, prompts, maxNewTokens, new RunOptions
        {
            FastMath = _compilation.FastMath, HostTimingPerCase = TimeSpan.Zero, RunTimeout = TimeSpan.FromMinutes(5),
        });
        _figures["steps"] = r.Steps;
        _figures["flash_bytes"] = r.FlashBytes;
        _figures["ram_bytes"] = r.RamBytes;
        _figures["state_bytes"] = r.StateBytes;
        _figures["arena_bytes"] = _compilation.Code.ArenaBytes;
        if (r.StackBytes is long s) _figures["stack_bytes"] = s;
        if (r.InstructionsPerTokenMedian is long n)
        {
            _figures["instructions_per_token"] = n;
            if (_compilation.Board is { } b) _figures["tokens_per_second_at_board_clock"] = Math.Round(b.ClockHz / (n * b.CyclesPerInstruction.Max), 1);
        }
        if (r.NsPerToken is double ns) _figures["ns_per_token"] = Math.Round(ns, 1);
        return r.Tokens;
    }

    /// <summary>Samples per build: inputs in flash must leave room for the model; hosted targets take many.</summary>
    private int ChunkSize(IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases)
    {
        if (cases.Count == 0) return 1;
        long bytesPerCase = Math.Max(1, cases[0].Values.Sum(t => (long)t.Length * t.Type.SizeOf()));
        if (_compilation.Board is not { } board) return (int)Math.Clamp(64L * 1024 * 1024 / bytesPerCase, 1, 2000);
        long room = (board.Flash.Bytes - _compilation.Code.WeightBytes - 128 * 1024) / 2;
        return (int)Math.Clamp(room / bytesPerCase, 1, 100);
    }
}
