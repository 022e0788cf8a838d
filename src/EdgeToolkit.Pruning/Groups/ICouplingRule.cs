namespace EdgeToolkit.Pruning.Groups;

/// <summary>
/// How an op couples channels between its inputs, outputs and weights. One class per op family
/// (Rules/), found by reflection, as the graph's operators are. Ops without a rule block every
/// axis they touch, so pruning never changes a shape it does not understand.
/// </summary>
public interface ICouplingRule
{
    IReadOnlyCollection<string> OpTypes { get; }
    void Describe(NodeCouplings c);
}
