namespace EdgeToolkit.Graph;

/// <summary>Maps to the CLI's exit codes (cli-conventions.md).</summary>
public enum ErrorKind
{
    /// <summary>Ran, but a check failed (mismatch, budget missed, does not fit): exit 1.</summary>
    CheckFailed = 1,
    /// <summary>Bad input or usage: exit 2.</summary>
    BadInput = 2,
    /// <summary>A required tool is missing: exit 3.</summary>
    ToolMissing = 3,
}

/// <summary>
/// The one error type users see. It names the file, node and op where known, and says what to do.
/// </summary>
public sealed class EdgeToolkitException : Exception
{
    public ErrorKind Kind { get; }
    public string? File { get; }
    public string? NodeName { get; }
    public string? Op { get; }
    public string? Hint { get; }
    public string Problem { get; }
    /// <summary>True when the input is valid but uses something the toolkit does not support (an op, a type, an attribute value).</summary>
    public bool Unsupported { get; init; }

    public EdgeToolkitException(ErrorKind kind, string problem, string? file = null, string? node = null, string? op = null,
        string? hint = null, Exception? inner = null)
        : base(Format(problem, file, node, op, hint), inner)
    {
        Kind = kind; Problem = problem; File = file; NodeName = node; Op = op; Hint = hint;
    }

    private static string Format(string problem, string? file, string? node, string? op, string? hint)
    {
        var where = new List<string>();
        if (file != null) where.Add(file);
        if (node != null) where.Add($"node '{node}'");
        if (op != null) where.Add($"op {op}");
        var s = where.Count > 0 ? $"{string.Join(", ", where)}: {problem}" : problem;
        return hint != null ? $"{s}. {hint}" : s;
    }

    /// <summary>Re-throw with the file filled in where a lower layer did not know it.</summary>
    public EdgeToolkitException WithFile(string file) =>
        File != null ? this : new EdgeToolkitException(Kind, Problem, file, NodeName, Op, Hint, InnerException) { Unsupported = Unsupported };
}
