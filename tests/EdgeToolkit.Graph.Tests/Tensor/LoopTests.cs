using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Tests.TensorOps;

public class LoopTests
{
    /// <summary>Body (i, cond, sum) -> (cond_out, sum + i, i); cond_out = i &lt; stopAfter when given, else cond.</summary>
    private static ModelGraph Body(long? stopAfter)
    {
        var b = new ModelGraph { Name = "body" };
        b.Inputs.Add(new ValueInfo("i", DataType.Int64, SymShape.Scalar));
        b.Inputs.Add(new ValueInfo("c", DataType.Bool, SymShape.Scalar));
        b.Inputs.Add(new ValueInfo("sum", DataType.Int64, SymShape.Scalar));
        if (stopAfter is { } n)
        {
            b.Initializers["limit"] = Tensor.Scalar(n);
            b.Nodes.Add(new Node("less", "Less", new[] { "i", "limit" }, new[] { "c_out" }));
        }
        else b.Nodes.Add(new Node("keep", "Identity", new[] { "c" }, new[] { "c_out" }));
        b.Nodes.Add(new Node("add", "Add", new[] { "sum", "i" }, new[] { "sum_out" }));
        b.Nodes.Add(new Node("scan", "Identity", new[] { "i" }, new[] { "i_out" }));
        b.Outputs.Add(new ValueInfo("c_out", DataType.Bool, SymShape.Scalar));
        b.Outputs.Add(new ValueInfo("sum_out", DataType.Int64, SymShape.Scalar));
        b.Outputs.Add(new ValueInfo("i_out", DataType.Int64, SymShape.Scalar));
        return b;
    }

    private static (Tensor Sum, Tensor Scan, ValueInfo ScanInfo) Run(Tensor? maxTrips, bool? cond, ModelGraph body)
    {
        var g = new ModelGraph();
        var inputs = new List<string>();
        if (maxTrips != null) { g.Initializers["M"] = maxTrips; inputs.Add("M"); } else inputs.Add("");
        if (cond != null) { g.Initializers["cond"] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { cond.Value }); inputs.Add("cond"); } else inputs.Add("");
        g.Initializers["zero"] = Tensor.Scalar(0L);
        inputs.Add("zero");
        g.Nodes.Add(new Node("loop", "Loop", inputs, new[] { "sum", "iters" }).With(NodeAttribute.Of("body", body)));
        g.Outputs.Add(new ValueInfo("sum", DataType.Undefined, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("iters", DataType.Undefined, SymShape.UnknownRank));
        ShapeInference.Run(g);
        var outs = Evaluator.Run(g, new Dictionary<string, Tensor>());
        return (outs["sum"], outs["iters"], g.ValueInfos["iters"]);
    }

    [Fact]
    public void Trip_count_bounds_the_loop_and_scan_outputs_stack()
    {
        var (sum, scan, info) = Run(Tensor.Scalar(5L), null, Body(null));
        Assert.Equal(0 + 1 + 2 + 3 + 4, sum.Int64s[0]);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, scan.Int64s);
        Assert.Equal(SymShape.Of(5), info.Shape);
    }

    [Fact]
    public void Condition_from_the_body_stops_the_loop()
    {
        // cond_out = i < 2: iterations 0, 1 and 2 run; the third returns false.
        var (sum, scan, info) = Run(null, true, Body(2));
        Assert.Equal(3, sum.Int64s[0]);
        Assert.Equal(new long[] { 0, 1, 2 }, scan.Int64s);
        Assert.False(info.Shape[0].IsKnown);
    }

    [Fact]
    public void False_initial_condition_runs_nothing()
    {
        var (sum, scan, _) = Run(Tensor.Scalar(5L), false, Body(null));
        Assert.Equal(0, sum.Int64s[0]);
        Assert.Equal(new[] { 0 }, scan.Shape);
    }
}

public class ScanTests
{
    /// <summary>Body (sum, row) -> (sum + row, sum + row): a running sum over the rows.</summary>
    private static ModelGraph RunningSum()
    {
        var b = new ModelGraph { Name = "body" };
        b.Inputs.Add(new ValueInfo("sum_in", DataType.Float32, SymShape.Of(2)));
        b.Inputs.Add(new ValueInfo("row", DataType.Float32, SymShape.Of(2)));
        b.Nodes.Add(new Node("add", "Add", new[] { "sum_in", "row" }, new[] { "sum_out" }));
        b.Nodes.Add(new Node("copy", "Identity", new[] { "sum_out" }, new[] { "scan_out" }));
        b.Outputs.Add(new ValueInfo("sum_out", DataType.Float32, SymShape.Of(2)));
        b.Outputs.Add(new ValueInfo("scan_out", DataType.Float32, SymShape.Of(2)));
        return b;
    }

    private static Tensor[] Run(long inputDirection)
    {
        var op = new OpRunner("Scan", 11, outputs: 2).In(Make.F(Make.S(2), 0, 0)).In(Make.F(Make.S(3, 2), 1, 2, 3, 4, 5, 6))
            .Attr("body", RunningSum()).Attr("num_scan_inputs", 1L).Attr("scan_input_directions", new long[] { inputDirection });
        return op.Run();
    }

    [Fact]
    public void Scan_threads_state_and_stacks_outputs()
    {
        var r = Run(0);
        Assert.Equal(new float[] { 9, 12 }, r[0].Floats);
        Assert.Equal(new[] { 3, 2 }, r[1].Shape);
        Assert.Equal(new float[] { 1, 2, 4, 6, 9, 12 }, r[1].Floats);
    }

    [Fact]
    public void Reverse_input_direction_walks_the_rows_backwards()
    {
        Assert.Equal(new float[] { 5, 6, 8, 10, 9, 12 }, Run(1)[1].Floats);
    }
}
