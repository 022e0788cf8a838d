using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>Runs a graph as generated C on the host (or another target), for the conformance suite.</summary>
public static class HostCRunner
{
    public static IReadOnlyList<Dictionary<string, Tensor>> Run(ModelGraph graph, IReadOnlyList<Dictionary<string, Tensor>> cases, string target = "host")
    {
        var g = graph.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(g);
        GeneratedModel code;
        try { code = CCodeGenerator.Generate(g, new CodeGenOptions { Name = "m", Target = TargetProfile.ForTarget(target) }); }
        catch (EdgeToolkitException e) when (e.Kind == ErrorKind.BadInput)
        {
            // The generator checks support of every node before it writes anything.
            throw new EdgeToolkitException(e.Kind, e.Problem, e.File, e.NodeName, e.Op, e.Hint, e) { Unsupported = true };
        }
        var run = TargetRunner.Run(code, target, null, cases.Select(c => (IReadOnlyDictionary<string, Tensor>)c).ToList(), new RunOptions());
        return run.Outputs;
    }
}
