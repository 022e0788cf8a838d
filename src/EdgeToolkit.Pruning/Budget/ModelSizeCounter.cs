using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Apply;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Budget;

/// <summary>
/// Parameter counts, before and after a selection, without building the pruned graph: each
/// weight's size is the product of its axes less what the selection removes from each. Counts
/// the way model cards do: float32 initializers of more than one element.
/// </summary>
public static class ModelSizeCounter
{
    public static long Parameters(ModelGraph graph) =>
        graph.Initializers.Values.Where(IsParameter).Sum(t => (long)t.Length);

    public static long ParametersAfter(ModelGraph graph, IReadOnlyList<ChannelGroup> groups, PruneSelection selection)
    {
        var removed = selection.RemovedIndices(groups);
        long total = 0;
        foreach (var (name, t) in graph.Initializers)
        {
            if (!IsParameter(t)) continue;
            long n = 1;
            for (int a = 0; a < t.Rank; a++)
                n *= t.Shape[a] - (removed.TryGetValue(new DimRef(name, a), out var gone) ? gone.Count : 0);
            total += n;
        }
        return total;
    }

    public static bool IsParameter(Tensor t) => t.Type == DataType.Float32 && t.Length > 1;
}
