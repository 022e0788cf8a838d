namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>Reductions: kept axes pass through; a reduced axis keeps its size (a mean over it would change).</summary>
public sealed class ReduceRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2", "ReduceL1", "ArgMax", "ArgMin" };

    public void Describe(NodeCouplings c)
    {
        var n = c.Node;
        string x = n.Inputs[0], y = n.Outputs[0];
        int rank = c.Rank(x);
        var axes = n.GetInts("axes") ?? (n.OpType is "ArgMax" or "ArgMin" ? new[] { n.GetInt("axis", 0) } : null);
        if (axes == null && n.HasInput(1))
        {
            if (c.Constant(n.Inputs[1]) is not { } given) { c.BlockAll($"{n.OpType} '{n.Name}' reduces over axes computed at run time"); return; }
            axes = given.ToInt64Array();
        }
        var reduced = new HashSet<int>((axes ?? Enumerable.Range(0, rank).Select(i => (long)i).ToArray()).Select(a => (int)(a < 0 ? a + rank : a)));
        bool keep = n.GetInt("keepdims", 1) != 0;
        int o = 0;
        for (int a = 0; a < rank; a++)
        {
            if (reduced.Contains(a)) { c.Block(x, a, $"{n.OpType} '{n.Name}' reduces over it"); if (keep) o++; continue; }
            c.Link(x, a, y, o++);
        }
    }
}
