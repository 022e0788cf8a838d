using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>A graph the passes accepted but left broken: a bug in a pass, not in the file.</summary>
public sealed class InvalidResultException(string problem, Exception? inner = null)
    : Exception($"the passes accepted the file but left an invalid graph: {problem}", inner);

/// <summary>
/// What the C generator relies on after the passes: nodes in an order that computes every input
/// before use, and a type for every graph output (a shape may stay unknown: the generator then
/// says so itself).
/// </summary>
internal static class ResultCheck
{
    public static void Validate(ModelGraph g)
    {
        try { g.Clone().SortTopologically(); }
        catch (EdgeToolkitException e) { throw new InvalidResultException(e.Problem, e); }
        var produced = new HashSet<string>(g.Nodes.SelectMany(n => n.Outputs).Concat(g.Initializers.Keys).Concat(g.Inputs.Select(i => i.Name)));
        foreach (var o in g.Outputs)
        {
            if (!produced.Contains(o.Name)) throw new InvalidResultException($"graph output '{o.Name}' is computed by nothing");
            if (g.TryGetInfo(o.Name) == null) throw new InvalidResultException($"graph output '{o.Name}' has no type");
        }
    }
}
