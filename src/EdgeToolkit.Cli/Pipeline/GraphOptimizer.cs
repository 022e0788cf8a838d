using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>Runs the standard pass pipeline with the command line's --const/--shape/--no-fuse.</summary>
public static class GraphOptimizer
{
    public static (ModelGraph Graph, IReadOnlyList<string> Log) Optimize(ModelGraph source, ModelOptions options)
    {
        var g = source.Clone();
        var pipeline = PassPipeline.Standard(new PipelineOptions
        {
            Constants = PipelineOptions.ParseAssignments(options.Consts, "--const"),
            Shapes = PipelineOptions.ParseAssignments(options.Shapes, "--shape"),
            Fuse = options.Fuse,
        });
        pipeline.Run(g);
        return (g, pipeline.Log.ToList());
    }

    /// <summary>The --const values as tensors, typed like the inputs they fix (ONNX Runtime still takes them as inputs).</summary>
    public static Dictionary<string, Tensor> ConstValues(ModelGraph source, ModelOptions options)
    {
        var g = source.Clone();
        var consts = PipelineOptions.ParseAssignments(options.Consts, "--const");
        new ConstInputsPass(consts).Run(g);
        return consts.Keys.ToDictionary(k => k, k => g.Initializers[k]);
    }
}
