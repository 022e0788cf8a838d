using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Control;

/// <summary>
/// Scan (opset 9+): runs body once per slice of the scan inputs (along scan_input_axes, reversed
/// where scan_input_directions is 1), threading the N state values through; the K scan outputs
/// are stacked along scan_output_axes (in reverse where scan_output_directions is 1). The opset-8
/// form with a batch axis and sequence_lens is not supported.
/// </summary>
public sealed class ScanOp : IOperator
{
    public string OpType => "Scan";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.Opset < 9) return "Scan before opset 9 (batched, with sequence_lens) is not supported";
        var body = ctx.Node.GetGraph("body");
        if (body == null) return "Scan needs a body graph";
        int m = (int)ctx.Node.GetInt("num_scan_inputs", 0), n = ctx.InputCount - m;
        if (m < 1 || n < 0) return "Scan needs num_scan_inputs between 1 and its input count";
        if (body.Inputs.Count != ctx.InputCount) return $"Scan body takes {body.Inputs.Count} inputs; expected {ctx.InputCount}";
        if (body.Outputs.Count != ctx.Node.Outputs.Count) return "Scan outputs do not match its body's outputs";
        return SubgraphSupport.Check(body, "Scan body");
    }

    public void InferShapes(ShapeContext ctx)
    {
        var body = ctx.Node.GetGraph("body")!;
        int m = (int)ctx.Node.GetInt("num_scan_inputs", 0), n = ctx.InputCount - m;
        for (int j = 0; j < n; j++) ctx.SetOutput(j, ctx.InputType(j), ctx.InputShape(j));
        var first = ctx.InputShape(n);
        var steps = first.HasRank ? first[Axes.Normalize(Attr(ctx.Node, "scan_input_axes", 0), first.Rank)] : Dim.Unknown;
        for (int k = n; k < body.Outputs.Count; k++)
        {
            var o = body.Outputs[k];
            if (o.Type == DataType.Undefined) throw ctx.Error($"the type of scan output '{o.Name}' is not declared in the body");
            if (!o.Shape.HasRank) { ctx.SetOutput(k, o.Type, SymShape.UnknownRank); continue; }
            var dims = o.Shape.Dims!.ToList();
            dims.Insert(Axes.Normalize(Attr(ctx.Node, "scan_output_axes", k - n), dims.Count + 1), steps);
            ctx.SetOutput(k, o.Type, new SymShape(dims));
        }
    }

    public void Evaluate(EvalContext ctx)
    {
        var run = ctx.RunSubgraph ?? throw ctx.Error("this evaluator cannot run subgraphs");
        var body = ctx.Node.GetGraph("body")!;
        int m = (int)ctx.Node.GetInt("num_scan_inputs", 0), n = ctx.InputCount - m, k = body.Outputs.Count - n;
        var state = Enumerable.Range(0, n).Select(ctx.Input).ToArray();
        var scanIn = Enumerable.Range(n, m).Select(ctx.Input).ToArray();
        var inAxes = Enumerable.Range(0, m).Select(j => Axes.Normalize(Attr(ctx.Node, "scan_input_axes", j), scanIn[j].Rank)).ToArray();
        int steps = scanIn[0].Shape[inAxes[0]];
        if (scanIn.Select((t, j) => t.Shape[inAxes[j]]).Any(s => s != steps)) throw ctx.Error("scan inputs differ in length along their scan axes");
        var outs = Enumerable.Range(0, k).Select(_ => new List<Tensor>()).ToArray();
        for (int t = 0; t < steps; t++)
        {
            var iteration = body.Clone();
            for (int j = 0; j < n; j++) iteration.Initializers[body.Inputs[j].Name] = state[j];
            for (int j = 0; j < m; j++)
            {
                int at = Attr(ctx.Node, "scan_input_directions", j) != 0 ? steps - 1 - t : t;
                iteration.Initializers[body.Inputs[n + j].Name] = ScanStacking.Slice(scanIn[j], inAxes[j], at);
            }
            var results = run(iteration);
            for (int j = 0; j < n; j++) state[j] = results[j];
            for (int j = 0; j < k; j++) outs[j].Add(results[n + j]);
        }
        for (int j = 0; j < n; j++) ctx.SetOutput(j, state[j]);
        for (int j = 0; j < k; j++)
        {
            if (Attr(ctx.Node, "scan_output_directions", j) != 0) outs[j].Reverse();
            var declared = body.Outputs[n + j];
            int rank = (outs[j].Count > 0 ? outs[j][0].Rank : declared.Shape.HasRank ? declared.Shape.Rank : 0) + 1;
            ctx.SetOutput(n + j, ScanStacking.Stack(outs[j], declared, Axes.Normalize(Attr(ctx.Node, "scan_output_axes", j), rank), ctx));
        }
    }

    /// <summary>Element i of an ints attribute, 0 when the attribute is absent.</summary>
    private static long Attr(Node node, string name, int i) => node.GetInts(name) is { } v ? v[i] : 0;
}
