namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Replaces an If whose condition is a constant by the nodes of the branch it would take, inlined
/// into the enclosing graph. Branch-local names that clash with the enclosing graph are renamed,
/// branch outputs take the If's output names, branch initializers move up. Nested Ifs inlined this
/// way are folded in turn when their condition is (now) constant.
/// </summary>
public sealed class IfFoldingPass : GraphPass
{
    public override string Name => "if-folding";

    protected override bool Apply(ModelGraph graph)
    {
        bool changed = false;
        for (bool again = true; again;)
        {
            again = false;
            foreach (var node in graph.Nodes.ToList())
            {
                if (node.OpType != "If" || node.Domain.Length > 0 || node.Inputs.Count == 0) continue;
                var cond = GraphQueries.ConstantOf(graph, node.Inputs[0]);
                if (cond == null || cond.Length != 1) continue;
                bool takeThen = cond.GetInt64(0) != 0;
                var branch = node.GetGraph(takeThen ? "then_branch" : "else_branch");
                if (branch == null) continue;
                BranchInliner.Inline(graph, node, branch);
                Report($"inlined If '{node.Name}' ({(takeThen ? "then" : "else")} branch, {branch.Nodes.Count} nodes)");
                changed = again = true;
            }
        }
        return changed;
    }
}
