namespace EdgeToolkit.Onnx.Fuzzing;

public enum FuzzVerdict
{
    /// <summary>Loaded and went through the passes.</summary>
    Valid,
    /// <summary>Refused with an error that names the file and says what to do.</summary>
    ClearError,
    /// <summary>Crashed, hung, was too slow or too hungry, or refused with an unhelpful error.</summary>
    Failure,
}

/// <summary>What one case did: verdict, the error (or why it is a failure), wall time and bytes allocated.</summary>
public sealed record FuzzOutcome(FuzzCase Case, FuzzVerdict Verdict, string Detail, double Ms, long AllocatedBytes)
{
    /// <summary>Set when the case was saved as a reproducer.</summary>
    public string? SavedAs { get; init; }

    /// <summary>The case never finished (its thread was abandoned).</summary>
    public bool IsHang { get; init; }
}
