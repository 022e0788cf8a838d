using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Importance;

/// <summary>
/// Weight-magnitude importance of each unit of a group. `FilterL1` is the classic filter-pruning
/// score (Li et al. 2017): the L1 norm of the weights that produce the unit. `GroupL2` follows
/// Torch-Pruning's group importance: every coupled weight's L2 norm over the unit's slice
/// (producers, consumers and norm parameters), each divided by its mean over units so that a big
/// consumer matrix does not drown a bias, then summed.
/// </summary>
public static class MagnitudeImportance
{
    public static double[] FilterL1(ModelGraph graph, ChannelGroup group)
    {
        var producers = group.Weights.Where(m => m.Role == MemberRole.Producer).ToList();
        return Sum(group, producers.Select(m => SliceNorms(graph.Initializers[m.Dim.Value], m, l1: true)));
    }

    public static double[] GroupL2(ModelGraph graph, ChannelGroup group) =>
        Sum(group, group.Weights.Select(m => Normalised(SliceNorms(graph.Initializers[m.Dim.Value], m, l1: false))));

    private static double[] Sum(ChannelGroup group, IEnumerable<double[]> parts)
    {
        var total = new double[group.Units];
        foreach (var p in parts) for (int u = 0; u < total.Length; u++) total[u] += p[u];
        return total;
    }

    private static double[] Normalised(double[] v)
    {
        double mean = v.Average();
        return mean > 0 ? v.Select(x => x / mean).ToArray() : v;
    }

    /// <summary>Per unit: the L1 or L2 norm of the weight's elements whose index along the member's axis the unit owns.</summary>
    public static double[] SliceNorms(Tensor weight, GroupMember member, bool l1)
    {
        var w = weight.ToFloatArray();
        var shape = weight.Shape;
        int axis = member.Dim.Axis, outer = 1, inner = 1;
        for (int a = 0; a < axis; a++) outer *= shape[a];
        for (int a = axis + 1; a < shape.Length; a++) inner *= shape[a];
        var perIndex = new double[shape[axis]];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < shape[axis]; i++)
            {
                int baseIndex = (o * shape[axis] + i) * inner;
                for (int k = 0; k < inner; k++) { double x = w[baseIndex + k]; perIndex[i] += l1 ? Math.Abs(x) : x * x; }
            }
        return member.UnitIndices.Select(idx =>
        {
            double s = idx.Sum(i => perIndex[i]);
            return l1 ? s : Math.Sqrt(s);
        }).ToArray();
    }
}
