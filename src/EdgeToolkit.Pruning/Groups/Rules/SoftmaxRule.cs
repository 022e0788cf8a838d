namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>Softmax normalises over its axis, so that axis keeps its size; the others pass through.</summary>
public sealed class SoftmaxRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "Softmax", "LogSoftmax", "Hardmax" };

    public void Describe(NodeCouplings c)
    {
        string x = c.Node.Inputs[0], y = c.Node.Outputs[0];
        int rank = c.Rank(x);
        long axis = c.Node.GetInt("axis", -1);
        if (axis < 0) axis += rank;
        for (int a = 0; a < rank; a++)
        {
            if (a == axis) { c.Block(x, a, $"{c.Node.OpType} '{c.Node.Name}' normalises over it"); c.Block(y, a, $"{c.Node.OpType} '{c.Node.Name}' normalises over it"); }
            else c.Link(x, a, y, a);
        }
    }
}
