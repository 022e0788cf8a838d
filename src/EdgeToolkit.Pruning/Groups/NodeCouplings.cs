using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Groups;

/// <summary>What one node says about channel coupling: axes it ties together, axes it forbids pruning, and the roles of its weights.</summary>
public sealed class NodeCouplings
{
    private readonly ModelGraph _graph;
    public Node Node { get; }
    public List<Coupling> Links { get; } = new();
    /// <summary>Axes that may not change size through this node, with the reason (a Softmax over them, a grouped conv...).</summary>
    public List<(DimRef Dim, string Reason)> Blocked { get; } = new();
    public Dictionary<DimRef, MemberRole> Roles { get; } = new();

    public NodeCouplings(ModelGraph graph, Node node) { _graph = graph; Node = node; }

    public int[] Shape(string value) => _graph.GetInfo(value).Shape.ToConcrete();
    public int Rank(string value) => Shape(value).Length;
    public bool IsWeight(string value) => _graph.Initializers.ContainsKey(value);
    public Tensor? Constant(string value) => _graph.Initializers.TryGetValue(value, out var t) ? t : null;

    public void Link(string a, int axisA, string b, int axisB, IndexTransform? t = null) =>
        Links.Add(new Coupling(new DimRef(a, axisA), new DimRef(b, axisB), t ?? IndexTransform.Identity.Instance, Node));

    public void Block(string value, int axis, string reason) => Blocked.Add((new DimRef(value, axis), reason));

    /// <summary>Every axis of every input and output is blocked: the op has no coupling rule.</summary>
    public void BlockAll(string reason)
    {
        foreach (var v in Node.Inputs.Concat(Node.Outputs).Where(v => v.Length > 0))
        {
            var info = _graph.TryGetInfo(v);
            if (info?.Shape.HasRank != true) continue;
            for (int a = 0; a < info.Shape.Rank; a++) Block(v, a, reason);
        }
    }

    public void Role(string value, int axis, MemberRole role)
    {
        if (IsWeight(value)) Roles[new DimRef(value, axis)] = role;
    }

    /// <summary>Numpy broadcasting: output axis a ties to every input axis aligned from the right that is not a broadcast 1.</summary>
    public void LinkBroadcast(IEnumerable<string> inputs, string output)
    {
        var outShape = Shape(output);
        foreach (var input in inputs.Where(i => i.Length > 0))
        {
            var s = Shape(input);
            for (int a = 0; a < s.Length; a++)
            {
                int o = a + outShape.Length - s.Length;
                if (o >= 0 && s[a] == outShape[o] && s[a] > 1) Link(input, a, output, o);
            }
        }
    }

    /// <summary>Each axis of the input to the same axis of the output.</summary>
    public void LinkSameAxes(string input, string output)
    {
        int r = Math.Min(Rank(input), Rank(output));
        for (int a = 0; a < r; a++) Link(input, a, output, a);
    }
}
