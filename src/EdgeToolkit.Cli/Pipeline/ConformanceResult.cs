namespace EdgeToolkit.Cli.Pipeline;

public enum CaseStatus { Passed, Failed, Unsupported, NotRun }

/// <summary>
/// One ONNX backend case: how the reference evaluator, the generated C and ONNX Runtime did.
/// Reason explains ours (unsupported or failed); OrtReason explains an ORT failure.
/// </summary>
public sealed record ConformanceResult(string Suite, string Case, string Ops, CaseStatus Evaluator, CaseStatus C, string? Reason)
{
    public CaseStatus Ort { get; init; } = CaseStatus.NotRun;
    public string? OrtReason { get; init; }

    /// <summary>Both the evaluator and the C generator take every node of the case (op, types, attributes).</summary>
    public bool Supported => Evaluator != CaseStatus.Unsupported && C != CaseStatus.Unsupported;

    /// <summary>Something of ours ran and disagreed with the reference outputs.</summary>
    public bool Failed => Evaluator == CaseStatus.Failed || C == CaseStatus.Failed;

    public bool Passed => Supported && !Failed;

    /// <summary>Not run because we do not support it (and nothing of ours failed on it).</summary>
    public bool Skipped => !Supported && !Failed;
}
