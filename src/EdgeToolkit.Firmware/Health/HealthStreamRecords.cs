namespace EdgeToolkit.Firmware.Health;

/// <summary>One day's readings as the board receives them: its weekday (Monday 0 .. Sunday 6) and C columns in the model's day-column order.</summary>
public sealed record HealthDay(int Weekday, float[] Columns);

/// <summary>
/// The board's reply to day Index. Before the window is full Ready is false (no classes, outputs 0).
/// HostOutputs: the C# evaluator on the compiled graph with the same window (null when not ready);
/// MatchesHost: the ready flag, target weekday and outputs agree (bit for bit for an integer model,
/// see HealthStreamResult.BitExact) and the classes are the argmax of the outputs.
/// </summary>
public sealed record HealthBoardPrediction(int Index, bool Ready, int TargetWeekday, int[] Classes, float[] Outputs, long Instructions,
    float[]? HostOutputs, bool MatchesHost);

/// <summary>
/// A month of days streamed to the emulated board. AllMatch: every prediction matches the host.
/// BitExact: outputs were compared bit for bit (an integer model); otherwise within Tolerance (float
/// models: the C# evaluator accumulates in double, the C in float). StackBytes: the board's stack
/// high-water mark since reset, from its STOP reply.
/// </summary>
public sealed record HealthStreamResult(IReadOnlyList<HealthBoardPrediction> Predictions, bool AllMatch, long InstructionsMax,
    long? StackBytes, string Semihosting, string Command)
{
    public bool BitExact { get; init; }
    /// <summary>atol = rtol for float models; 0 when bit-exact.</summary>
    public double Tolerance { get; init; }
    /// <summary>The largest |board - host| over the ready predictions' outputs.</summary>
    public double MaxAbsDifference { get; init; }
    public long InstructionsTotal { get; init; }
    public int BadFrames { get; init; }
    public int Resends { get; init; }
}
