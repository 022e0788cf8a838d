namespace EdgeToolkit.Graph.Passes;

/// <summary>Base for passes that report what they changed, so that a pipeline can log it.</summary>
public abstract class GraphPass : IGraphPass
{
    private readonly List<string> _changes = new();

    public abstract string Name { get; }
    public IReadOnlyList<string> Changes => _changes;

    public bool Run(ModelGraph graph)
    {
        _changes.Clear();
        return Apply(graph);
    }

    protected abstract bool Apply(ModelGraph graph);

    protected void Report(string change) => _changes.Add(change);
}
