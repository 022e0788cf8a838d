using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Schedules;

/// <summary>A group's width before and after, in channels (units times unit size).</summary>
public sealed record GroupWidth(string Group, string Kind, int UnitsBefore, int UnitsAfter, int UnitSize, string? NotPrunedBecause);

/// <summary>One pruning step of a schedule: the parameter target it met and what it removed.</summary>
public sealed record PruneStep(int Index, long Target, long Parameters, IReadOnlyDictionary<string, int> UnitsAfter,
    IReadOnlyDictionary<string, double>? LayerImportance, int FineTuneSteps);

public sealed record PruneOutcome(ModelGraph Graph, long ParametersBefore, long ParametersAfter, long Budget,
    IReadOnlyList<GroupWidth> Widths, IReadOnlyList<PruneStep> Steps, IReadOnlyList<string> Notes);
