using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>Runs the standard pass pipeline with the command line's --const/--shape/--no-fuse.</summary>
public static class GraphOptimizer
{
    public static (ModelGraph Graph, IReadOnlyList<string> Log) Optimize(ModelGraph source, ModelOptions options)
    {
        var g = source.Clone();
        var pipeline = Pipeline(options);
        pipeline.Run(g);
        return (g, pipeline.Log.ToList());
    }

    /// <summary>
    /// For inspect: a node the toolkit does not support yet does not stop the report. The graph is
    /// folded as far as it goes and the problem is returned instead of thrown.
    /// </summary>
    public static (ModelGraph Graph, IReadOnlyList<string> Log, string? Problem) OptimizeForInspection(ModelGraph source, ModelOptions options)
    {
        var g = source.Clone();
        var pipeline = Pipeline(options);
        try { pipeline.Run(g); return (g, pipeline.Log.ToList(), null); }
        catch (EdgeToolkitException e) when (e.Unsupported)
        {
            LenientShapeInference.Run(g);
            return (g, pipeline.Log.ToList(), e.Message);
        }
    }

    private static PassPipeline Pipeline(ModelOptions options) => PassPipeline.Standard(new PipelineOptions
    {
        Constants = PipelineOptions.ParseAssignments(options.Consts, "--const"),
        Shapes = PipelineOptions.ParseAssignments(options.Shapes, "--shape"),
        Fuse = options.Fuse,
    });

    /// <summary>The --const values as tensors, typed like the inputs they fix (ONNX Runtime still takes them as inputs).</summary>
    public static Dictionary<string, Tensor> ConstValues(ModelGraph source, ModelOptions options)
    {
        var g = source.Clone();
        var consts = PipelineOptions.ParseAssignments(options.Consts, "--const");
        new ConstInputsPass(consts).Run(g);
        return consts.Keys.ToDictionary(k => k, k => g.Initializers[k]);
    }
}
