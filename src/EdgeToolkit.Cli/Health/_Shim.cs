namespace EdgeToolkit.Firmware.Health;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
public sealed record HealthFirmwareRequest { public required string ModelPath { get; init; } public required BoardDefinition Board { get; init; } public required string OutputDir { get; init; } public int WindowDays { get; init; } = 7; }
public sealed record HealthFirmwareResult(string OutputDir, string ElfPath, ModelGraph Compiled, long ImageFlashBytes, long RamBytes);
public static class HealthFirmwareBuilder { public static HealthFirmwareResult Build(HealthFirmwareRequest r, Action<string>? progress = null) => throw new NotImplementedException(); }
public sealed record HealthDay(int Weekday, float[] Columns);
public sealed record HealthBoardPrediction(int Index, bool Ready, int TargetWeekday, int[] Classes, float[] Outputs, long Instructions, float[]? HostOutputs, bool MatchesHost);
public sealed record HealthStreamResult(IReadOnlyList<HealthBoardPrediction> Predictions, bool AllMatch, long InstructionsMax, long? StackBytes, string Semihosting, string Command);
public static class HealthStream { public static HealthStreamResult Run(HealthFirmwareResult fw, IReadOnlyList<HealthDay> days, string workDir, TimeSpan? timeout = null) => throw new NotImplementedException(); }
