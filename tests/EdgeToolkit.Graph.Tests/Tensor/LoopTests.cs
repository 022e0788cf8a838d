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
