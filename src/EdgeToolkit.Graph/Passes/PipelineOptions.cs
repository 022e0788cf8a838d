namespace EdgeToolkit.Graph.Passes;

/// <summary>What the standard pipeline is told from the command line.</summary>
public sealed record PipelineOptions
{
    /// <summary>`--const name=value`: inputs fixed to constants (value as text).</summary>
    public IReadOnlyDictionary<string, string> Constants { get; init; } = new Dictionary<string, string>();

    /// <summary>`--shape name=1x512` for an input, or `--shape batch=1` for a dim symbol.</summary>
    public IReadOnlyDictionary<string, string> Shapes { get; init; } = new Dictionary<string, string>();

    /// <summary>Fuse activations and pools into producers; off when the profiler wants one layer per node.</summary>
    public bool Fuse { get; init; } = true;

    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Turn QDQ patterns into integer ops (off to run a QDQ model as float with fake quantisation).</summary>
    public bool LowerQdq { get; init; } = true;

    /// <summary>Constant results above this many elements are not folded into weights.</summary>
    public long MaxFoldedElements { get; init; } = 1 << 20;

    /// <summary>Bound on the fold/inline/simplify rounds; each round that changes nothing ends them.</summary>
    public int MaxRounds { get; init; } = 50;

    /// <summary>Parses repeated `name=value` arguments (as --const and --shape take them) into a map.</summary>
    public static Dictionary<string, string> ParseAssignments(IEnumerable<string> args, string flag)
    {
        var d = new Dictionary<string, string>();
        foreach (var a in args)
        {
            int eq = a.IndexOf('=');
            if (eq <= 0)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"{flag} {a}: expected name=value", hint: $"e.g. {flag} sr=16000");
            d[a[..eq].Trim()] = a[(eq + 1)..].Trim();
        }
        return d;
    }
}
