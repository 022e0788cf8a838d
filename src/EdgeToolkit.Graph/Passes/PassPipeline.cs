namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Runs passes in order and logs what each changed. Steps are single passes or a group repeated
/// until a round changes nothing (so that folding, inlining and simplifying feed each other).
/// </summary>
public sealed class PassPipeline : IGraphPass
{
    private readonly List<(IGraphPass[] Passes, int MaxRounds)> _steps = new();
    private readonly List<string> _log = new();

    public string Name => "pipeline";

    /// <summary>"pass: change" lines from the last Run, in order, for the CLI to print.</summary>
    public IReadOnlyList<string> Log => _log;
    public IReadOnlyList<string> Changes => _log;

    public PassPipeline Then(IGraphPass pass) { _steps.Add((new[] { pass }, 1)); return this; }

    /// <summary>Adds a group run again and again until a whole round changes nothing.</summary>
    public PassPipeline UntilFixedPoint(int maxRounds, params IGraphPass[] passes)
    {
        _steps.Add((passes, Math.Max(1, maxRounds)));
        return this;
    }

    /// <summary>
    /// ConstInputs, PinShapes, shape inference, QDQ lowering (integer ops); then [ConstantFolding, IfFolding, Simplify,
    /// DeadNodeElimination, shape inference] to a fixed point; BatchNormFolding, Fusion,
    /// DeadNodeElimination, and a final shape inference.
    /// </summary>
    public static PassPipeline Standard(PipelineOptions options)
    {
        var p = new PassPipeline()
            .Then(new ConstInputsPass(options.Constants))
            .Then(new PinShapesPass(options.Shapes))
            .Then(new ShapeInferencePass(lenient: true));
        if (options.LowerQdq) p.Then(new Quantized.QdqLoweringPass()).Then(new ShapeInferencePass(lenient: true));
        p.UntilFixedPoint(options.MaxRounds,
                new ConstantFoldingPass { MaxElements = options.MaxFoldedElements },
                new IfFoldingPass(),
                new SimplifyPass(),
                new DeadNodeEliminationPass(),
                new ShapeInferencePass(lenient: true));
        if (options.FoldBatchNorm) p.Then(new BatchNormFoldingPass());
        if (options.Fuse) p.Then(new ShapeInferencePass(lenient: true)).Then(new FusionPass());
        return p.Then(new DeadNodeEliminationPass()).Then(new ShapeInferencePass());
    }

    public bool Run(ModelGraph graph)
    {
        _log.Clear();
        bool changed = false;
        foreach (var (passes, maxRounds) in _steps)
        {
            for (int round = 0; round < maxRounds; round++)
            {
                bool roundChanged = false;
                foreach (var pass in passes) roundChanged |= RunOne(pass, graph);
                changed |= roundChanged;
                if (!roundChanged) break;
            }
        }
        return changed;
    }

    private bool RunOne(IGraphPass pass, ModelGraph graph)
    {
        bool changed = pass.Run(graph);
        foreach (var c in pass.Changes) _log.Add($"{pass.Name}: {c}");
        return changed;
    }
}
