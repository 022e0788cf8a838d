namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>
/// Ops that move axes around: Transpose permutes, Concat places inputs side by side, Unsqueeze
/// and Squeeze add or drop size-1 axes, Flatten and Reshape merge or split axes. A channel axis
/// that is merged with the axes after it (Flatten after a conv) owns a block of the merged axis;
/// one that is split (channels into attention heads) ties to the outer axis, so whole heads prune.
/// </summary>
public sealed class LayoutRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "Transpose", "Concat", "Unsqueeze", "Squeeze", "Flatten", "Reshape" };

    public void Describe(NodeCouplings c)
    {
        var n = c.Node;
        string x = n.Inputs[0], y = n.Outputs[0];
        switch (n.OpType)
        {
            case "Transpose":
            {
                var perm = n.GetInts("perm") ?? Enumerable.Range(0, c.Rank(x)).Reverse().Select(i => (long)i).ToArray();
                for (int i = 0; i < perm.Length; i++) c.Link(x, (int)perm[i], y, i);
                break;
            }
            case "Concat":
            {
                int rank = c.Rank(y);
                long axis = n.GetInt("axis", 0);
                if (axis < 0) axis += rank;
                int offset = 0;
                foreach (var input in n.Inputs.Where(i => i.Length > 0))
                {
                    var s = c.Shape(input);
                    for (int a = 0; a < rank; a++)
                        c.Link(input, a, y, a, a == axis ? new IndexTransform.Offset(offset, s[a]) : null);
                    offset += s[(int)axis];
                }
                break;
            }
            default:
                LinkBySize(c, x, y);
                break;
        }
    }

    /// <summary>
    /// Pairs the input's and output's axes by matching running products, ignoring size-1 axes:
    /// equal runs of one axis each are the same axis; one axis split into several ties to the
    /// outermost; several merged into one tie through their outermost; anything else is blocked.
    /// </summary>
    private static void LinkBySize(NodeCouplings c, string x, string y)
    {
        var inAxes = Axes(c.Shape(x));
        var outAxes = Axes(c.Shape(y));
        int i = 0, j = 0;
        while (i < inAxes.Count && j < outAxes.Count)
        {
            int i0 = i, j0 = j;
            long pi = inAxes[i++].Size, pj = outAxes[j++].Size;
            while (pi != pj)
            {
                if (pi < pj && i < inAxes.Count) pi *= inAxes[i++].Size;
                else if (pj < pi && j < outAxes.Count) pj *= outAxes[j++].Size;
                else break;
            }
            var ins = inAxes.GetRange(i0, i - i0);
            var outs = outAxes.GetRange(j0, j - j0);
            if (pi != pj) { Block(c, x, ins, y, outs, "its axes do not regroup"); break; }
            if (ins.Count == 1 && outs.Count == 1) c.Link(x, ins[0].Axis, y, outs[0].Axis);
            else if (ins.Count == 1)
            {
                c.Link(x, ins[0].Axis, y, outs[0].Axis, new IndexTransform.Collapse((int)(pj / outs[0].Size)));
                Block(c, x, Array.Empty<(int, int)>(), y, outs.Skip(1), "it is the inner part of a split axis");
            }
            else if (outs.Count == 1)
            {
                c.Link(x, ins[0].Axis, y, outs[0].Axis, new IndexTransform.Expand((int)(pi / ins[0].Size)));
                Block(c, x, ins.Skip(1), y, Array.Empty<(int, int)>(), "it is merged into the axis before it");
            }
            else Block(c, x, ins, y, outs, "the reshape regroups several axes at once");
        }
    }

    private static List<(int Axis, int Size)> Axes(int[] shape) =>
        shape.Select((size, axis) => (axis, size)).Where(p => p.size != 1).ToList();

    private static void Block(NodeCouplings c, string x, IEnumerable<(int Axis, int Size)> ins, string y, IEnumerable<(int Axis, int Size)> outs, string why)
    {
        foreach (var a in ins) c.Block(x, a.Axis, $"{c.Node.OpType} '{c.Node.Name}': {why}");
        foreach (var a in outs) c.Block(y, a.Axis, $"{c.Node.OpType} '{c.Node.Name}': {why}");
    }
}
