namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Replaces an If whose condition is a constant by the nodes of the branch it would take, inlined
/// into the enclosing graph. Branch-local names that clash with the enclosing graph are renamed,
/// branch outputs take the If's output names, branch initializers move up. Nested Ifs inlined this
/// way are folded in turn when their condition is (now) constant; Ifs inside the branches of an If
/// that stays are folded in place when their condition is a constant of an enclosing scope.
/// </summary>
public sealed class IfFoldingPass : GraphPass
{
    public override string Name => "if-folding";

    protected override bool Apply(ModelGraph graph) => Fold(graph, new Dictionary<string, Tensor>(), new HashSet<string>(), "");

    /// <param name="outerConstants">initializers of enclosing scopes, visible where not shadowed.</param>
    /// <param name="outerNames">every name of enclosing scopes, which inlined locals must not shadow.</param>
    private bool Fold(ModelGraph graph, IReadOnlyDictionary<string, Tensor> outerConstants, IReadOnlyCollection<string> outerNames, string where)
    {
        bool changed = false;
        for (bool again = true; again;)
        {
            again = false;
            foreach (var node in graph.Nodes.ToList())
            {
                if (node.OpType != "If" || node.Domain.Length > 0 || node.Inputs.Count == 0) continue;
                var cond = ConstantCondition(graph, node.Inputs[0], outerConstants);
                if (cond == null) continue;
                bool takeThen = cond.GetInt64(0) != 0;
                var branch = node.GetGraph(takeThen ? "then_branch" : "else_branch");
                if (branch == null) continue;
                BranchInliner.Inline(graph, node, branch, outerNames);
                Report($"inlined If '{node.Name}'{where} ({(takeThen ? "then" : "else")} branch, {branch.Nodes.Count} nodes)");
                changed = again = true;
            }
        }
        foreach (var node in graph.Nodes) changed |= FoldInsideSubgraphs(graph, node, outerConstants, outerNames);
        return changed;
    }

    private static Tensor? ConstantCondition(ModelGraph graph, string name, IReadOnlyDictionary<string, Tensor> outerConstants)
    {
        var t = GraphQueries.ConstantOf(graph, name);
        if (t == null && !graph.Nodes.Any(n => n.Outputs.Contains(name)) && !graph.IsGraphInput(name))
            outerConstants.TryGetValue(name, out t);
        return t is { Length: 1 } ? t : null;
    }

    /// <summary>Folds Ifs inside a node's subgraphs (copies: subgraphs are shared between graph clones).</summary>
    private bool FoldInsideSubgraphs(ModelGraph graph, Node node, IReadOnlyDictionary<string, Tensor> outerConstants, IReadOnlyCollection<string> outerNames)
    {
        bool changed = false;
        foreach (var key in node.Attributes.Keys.ToList())
        {
            var sub = node.Attributes[key].G;
            if (sub == null) continue;
            var constants = new Dictionary<string, Tensor>(outerConstants);
            foreach (var (k, v) in graph.Initializers) constants[k] = v;
            // Values computed at this level shadow constants of the same name further out.
            foreach (var shadow in graph.Nodes.SelectMany(n => n.Outputs).Concat(graph.Inputs.Select(i => i.Name))) constants.Remove(shadow);
            var names = new HashSet<string>(outerNames);
            names.UnionWith(GraphQueries.UsedNames(graph));
            var copy = sub.Clone();
            if (!Fold(copy, constants, names, $" inside '{node.Name}'.{key}")) continue;
            node.Attributes[key] = NodeAttribute.Of(key, copy);
            changed = true;
        }
        return changed;
    }
}
