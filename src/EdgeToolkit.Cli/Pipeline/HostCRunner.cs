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
        if (g.ValueInfos.Values.All(v => v.Shape.IsConcrete))
            return Execute(g, cases, target);

        // Shapes that depend on integer inputs (a Reshape's shape, a Slice's starts...) are fixed
        // per case, as a user fixes them with --const: one build per case.
        var integerInputs = graph.Inputs.Where(i => i.Type is DataType.Int64 or DataType.Int32).Select(i => i.Name).ToHashSet();
        var outputs = new List<Dictionary<string, Tensor>>();
        foreach (var c in cases)
        {
            var fixedGraph = graph.Clone();
            foreach (var name in integerInputs)
            {
                fixedGraph.Initializers[name] = c[name];
                fixedGraph.Inputs.RemoveAll(i => i.Name == name);
            }
            PassPipeline.Standard(new PipelineOptions()).Run(fixedGraph);
            var rest = fixedGraph.Inputs.ToDictionary(i => i.Name, i => c[i.Name]);
            outputs.Add(Execute(fixedGraph, new[] { rest }, target)[0]);
        }
        return outputs;
    }

    private static IReadOnlyList<Dictionary<string, Tensor>> Execute(ModelGraph g, IReadOnlyList<Dictionary<string, Tensor>> cases, string target)
    {
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
