namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>Gemm and MatMul: the contracted axis ties A to B (B's inputs are consumed), B's last axis makes the output's (produced).</summary>
public sealed class DenseRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "Gemm", "MatMul" };

    public void Describe(NodeCouplings c)
    {
        var n = c.Node;
        string a = n.Inputs[0], b = n.Inputs[1], y = n.Outputs[0];
        int ra = c.Rank(a), rb = c.Rank(b), ry = c.Rank(y);
        if (n.OpType == "Gemm")
        {
            bool ta = n.GetInt("transA", 0) != 0, tb = n.GetInt("transB", 0) != 0;
            int aM = ta ? 1 : 0, aK = ta ? 0 : 1, bK = tb ? 1 : 0, bN = tb ? 0 : 1;
            c.Link(a, aK, b, bK); c.Role(b, bK, MemberRole.Consumer);
            c.Link(b, bN, y, 1); c.Role(b, bN, MemberRole.Producer);
            c.Link(a, aM, y, 0);
            if (n.HasInput(2))
            {
                c.LinkBroadcast(new[] { n.Inputs[2] }, y);
                var cs = c.Shape(n.Inputs[2]);
                if (cs.Length > 0) c.Role(n.Inputs[2], cs.Length - 1, MemberRole.Producer);
            }
            return;
        }
        if (ra < 2 || rb < 2)
        {
            c.BlockAll("MatMul with a 1-D operand");
            return;
        }
        c.Link(a, ra - 1, b, rb - 2); c.Role(b, rb - 2, MemberRole.Consumer);
        c.Link(b, rb - 1, y, ry - 1); c.Role(b, rb - 1, MemberRole.Producer);
        c.Link(a, ra - 2, y, ry - 2);
        // Batch axes broadcast like an elementwise op (attention: one matrix product per head).
        var ys = c.Shape(y);
        foreach (var (v, r) in new[] { (a, ra), (b, rb) })
        {
            var s = c.Shape(v);
            for (int i = 0; i < r - 2; i++)
            {
                int o = i + ry - r;
                if (s[i] > 1 && s[i] == ys[o]) c.Link(v, i, y, o);
            }
        }
    }
}
