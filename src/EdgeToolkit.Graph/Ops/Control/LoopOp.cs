using EdgeToolkit.Graph.Ops.TensorOps;

namespace EdgeToolkit.Graph.Ops.Control;

/// <summary>
/// Loop(M, cond, v_initial...): runs body while the trip count is below M (when given) and cond
/// holds (when given). The body takes (iteration, cond, carried...) and gives (cond, carried...,
/// scan...); the outputs are the final carried values, then each scan output stacked on a new axis 0.
/// Sequence-typed values are not supported.
/// </summary>
public sealed class LoopOp : IOperator
{
    public string OpType => "Loop";

    public string? CheckSupported(ShapeContext ctx)
    {
        var body = ctx.Node.GetGraph("body");
        if (body == null) return "Loop needs a body graph";
        int carried = ctx.InputCount - 2;
        if (carried < 0) return "Loop needs the M and cond inputs (either may be empty)";
        if (body.Inputs.Count != carried + 2) return $"Loop body takes {body.Inputs.Count} inputs; expected {carried + 2}";
        if (body.Outputs.Count < carried + 1) return $"Loop body gives {body.Outputs.Count} outputs; expected at least {carried + 1}";
        if (ctx.Node.Outputs.Count != body.Outputs.Count - 1) return "Loop outputs do not match its body's outputs";
        return SubgraphSupport.Check(body, "Loop body");
    }

    public void InferShapes(ShapeContext ctx)
    {
        var body = ctx.Node.GetGraph("body")!;
        int carried = ctx.InputCount - 2;
        for (int j = 0; j < carried; j++)
        {
            var init = ctx.Input(2 + j);
            var declared = body.Outputs[1 + j].Shape;
            // A carried value may change shape between iterations; only what init and body agree on is certain.
            var shape = declared.HasRank && init.Shape.HasRank && declared.Rank == init.Shape.Rank
                ? new SymShape(init.Shape.Dims!.Zip(declared.Dims!, SymDims.Join))
                : init.Shape.HasRank ? new SymShape(Enumerable.Repeat(Dim.Unknown, init.Shape.Rank)) : SymShape.UnknownRank;
            ctx.SetOutput(j, init.Type, shape);
        }
        var trips = ctx.HasInput(1) ? Dim.Unknown : ctx.ConstantInput(0) is { } m ? Dim.Of(m.GetInt64(0)) : Dim.Unknown;
        for (int s = carried + 1; s < body.Outputs.Count; s++)
        {
            var o = body.Outputs[s];
            var type = o.Type != DataType.Undefined ? o.Type : TracedType(ctx, body, o.Name)
                ?? throw ctx.Error($"the type of scan output '{o.Name}' is not declared in the body");
            ctx.SetOutput(s - 1, type, o.Shape.HasRank ? new SymShape(new[] { trips }.Concat(o.Shape.Dims!)) : SymShape.UnknownRank);
        }
    }

    public void Evaluate(EvalContext ctx)
    {
        var run = ctx.RunSubgraph ?? throw ctx.Error("this evaluator cannot run subgraphs");
        var body = ctx.Node.GetGraph("body")!;
        long? maxTrips = ctx.HasInput(0) ? ctx.Input(0).GetInt64(0) : null;
        bool cond = !ctx.HasInput(1) || ctx.Input(1).GetDouble(0) != 0;
        int carriedCount = ctx.InputCount - 2, scanCount = body.Outputs.Count - 1 - carriedCount;
        var carried = Enumerable.Range(2, carriedCount).Select(ctx.Input).ToArray();
        var scans = Enumerable.Range(0, scanCount).Select(_ => new List<Tensor>()).ToArray();
        for (long i = 0; (maxTrips == null || i < maxTrips) && cond; i++)
        {
            // The body's inputs become initializers of a copy, which the evaluator treats as given values.
            var iteration = body.Clone();
            iteration.Initializers[body.Inputs[0].Name] = Tensor.Scalar(i);
            iteration.Initializers[body.Inputs[1].Name] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { cond });
            for (int j = 0; j < carriedCount; j++) iteration.Initializers[body.Inputs[2 + j].Name] = carried[j];
            var outs = run(iteration);
            cond = outs[0].GetDouble(0) != 0;
            for (int j = 0; j < carriedCount; j++) carried[j] = outs[1 + j];
            for (int s = 0; s < scanCount; s++) scans[s].Add(outs[1 + carriedCount + s]);
        }
        for (int j = 0; j < carriedCount; j++) ctx.SetOutput(j, carried[j]);
        for (int s = 0; s < scanCount; s++) ctx.SetOutput(carriedCount + s, ScanStacking.Stack(scans[s], body.Outputs[1 + carriedCount + s], 0, ctx));
    }

    /// <summary>
    /// The type of a body value that passes a body input on through Identity nodes (as the Range
    /// function body's scan output does), when the body does not declare it; else null. An
    /// undeclared body input has the type of the Loop input in the same position.
    /// </summary>
    private static DataType? TracedType(ShapeContext ctx, ModelGraph body, string name)
    {
        var producers = body.Producers();
        for (int hops = 0; hops <= body.Nodes.Count; hops++)
        {
            int j = body.Inputs.FindIndex(i => i.Name == name);
            if (j >= 0)
                return body.Inputs[j].Type != DataType.Undefined ? body.Inputs[j].Type
                    : j == 0 ? DataType.Int64 : j == 1 ? DataType.Bool : ctx.InputType(j);
            if (!producers.TryGetValue(name, out var n) || n.OpType != "Identity") return null;
            name = n.Inputs[0];
        }
        return null;
    }
}
