namespace EdgeToolkit.Graph.Passes;

/// <summary>A graph-to-graph transformation. Passes mutate the graph they are given; clone first to keep the original.</summary>
public interface IGraphPass
{
    string Name { get; }
    /// <summary>Applies the pass; returns true when it changed anything.</summary>
    bool Run(ModelGraph graph);
    /// <summary>What the last Run changed, one line each, for the CLI to print (e.g. "folded 12 nodes").</summary>
    IReadOnlyList<string> Changes => Array.Empty<string>();
}
