using System.Text.Json;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx.Tests;

public class OrtSessionTests
{
    private static readonly Dictionary<string, Tensor> GemmInput =
        SampleGraphs.Inputs(("x", Tensor.FromFloats(new[] { 1, 3 }, new[] { 1f, 2f, 3f })));

    public static TheoryData<Tensor> RuntimeTypes() => new()
    {
        Tensor.FromFloats(new[] { 2 }, new[] { 1.5f, -2f }),
        new Tensor(DataType.Float64, new[] { 2 }, new[] { Math.E, -1e-300 }),
        new Tensor(DataType.Int8, new[] { 2 }, new sbyte[] { -128, 127 }),
        new Tensor(DataType.UInt8, new[] { 2 }, new byte[] { 0, 255 }),
        new Tensor(DataType.Int16, new[] { 2 }, new short[] { short.MinValue, 5 }),
        Tensor.FromInt32s(new[] { 2, 1 }, new[] { int.MaxValue, -1 }),
        Tensor.FromInt64s(new[] { 2 }, new[] { long.MinValue, 3 }),
        new Tensor(DataType.Bool, new[] { 3 }, new[] { true, false, true }),
        new Tensor(DataType.Float16, new[] { 1 }, new[] { (Half)0.5 }),
        new Tensor(DataType.String, new[] { 2 }, new[] { "edge", "ü数" }),
    };

    /// <summary>Identity passes values through unchanged, so whatever comes back tests both directions.</summary>
    [Theory]
    [MemberData(nameof(RuntimeTypes))]
    public void Every_element_type_goes_in_and_comes_back_unchanged(Tensor t)
    {
        var g = new ModelGraph { Name = "id", Opset = 17 };
        g.Inputs.Add(t.Info("in"));
        g.Nodes.Add(new Node("id", "Identity", new[] { "in" }, new[] { "out" }));
        g.Outputs.Add(t.Info("out"));
        var back = OrtRunner.Run(g, SampleGraphs.Inputs(("in", t)))["out"];
        Assert.Equal(t.Type, back.Type);
        Assert.Equal(t.Shape, back.Shape);
        Assert.Equal(t.Data, back.Data);
    }

    [Fact]
    public void A_session_runs_repeatedly_and_reports_its_creation_time()
    {
        using var s = new OrtSession(SampleGraphs.GemmRelu());
        Assert.True(s.CreateMs > 0);
        Assert.Equal(new[] { "x" }, s.InputNames);
        Assert.Equal(new[] { "y" }, s.OutputNames);
        for (int i = 0; i < 3; i++) Assert.Equal(new[] { 7.5f, 0f }, s.Run(GemmInput)["y"].Floats);
    }

    [Fact]
    public void MeasureNs_times_each_run_and_leaves_results_correct()
    {
        using var s = new OrtSession(SampleGraphs.GemmRelu());
        var ns = s.MeasureNs(GemmInput, warmup: 5, runs: 50);
        Assert.Equal(50, ns.Length);
        Assert.All(ns, t => Assert.InRange(t, 1, 1e9)); // a 2x3 Gemm takes between a nanosecond and a second
        Assert.Equal(new[] { 7.5f, 0f }, s.Run(GemmInput)["y"].Floats);
    }

    [Fact]
    public void MeasureNs_handles_a_model_with_subgraphs()
    {
        using var s = new OrtSession(SampleGraphs.IfGraph());
        var inputs = SampleGraphs.Inputs(("cond", new Tensor(DataType.Bool, Array.Empty<int>(), new[] { true })), ("x", Tensor.Vector(1f, 2f)));
        Assert.Equal(3, s.MeasureNs(inputs, warmup: 1, runs: 3).Length);
    }

    [Fact]
    public void ProfileJson_writes_per_node_times()
    {
        var dir = Directory.CreateTempSubdirectory("edgetk-profile-").FullName;
        try
        {
            using var s = new OrtSession(SampleGraphs.GemmRelu());
            var path = s.ProfileJson(GemmInput, runs: 3, directory: dir);
            Assert.NotNull(path);
            Assert.StartsWith(dir, path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var nodeEvents = doc.RootElement.EnumerateArray()
                .Where(e => e.TryGetProperty("cat", out var c) && c.GetString() == "Node")
                .Select(e => e.GetProperty("name").GetString()).ToList();
            // Gemm+Relu may be fused by ORT's optimizer; either way the gemm node shows up with kernel times.
            Assert.Contains(nodeEvents, n => n!.Contains("gemm") && n.EndsWith("kernel_time"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_missing_input_is_named_in_the_error()
    {
        using var s = new OrtSession(SampleGraphs.GemmRelu());
        var e = Assert.Throws<EdgeToolkitException>(() => s.Run(new Dictionary<string, Tensor>()));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void Onnx_runtime_errors_become_toolkit_errors_with_its_message()
    {
        using var s = new OrtSession(SampleGraphs.GemmRelu());
        var wrongShape = SampleGraphs.Inputs(("x", Tensor.FromFloats(new[] { 1, 4 }, new float[4])));
        var e = Assert.Throws<EdgeToolkitException>(() => s.Run(wrongShape));
        Assert.Contains("ONNX Runtime", e.Message);
        Assert.Contains("x", e.Message);

        var g = SampleGraphs.GemmRelu();
        g.Nodes[1].OpType = "NoSuchOp";
        var load = Assert.Throws<EdgeToolkitException>(() => new OrtSession(g));
        Assert.Contains("NoSuchOp", load.Message);
    }

    [Fact]
    public void A_graph_that_ran_through_the_fusion_contract_and_its_original_agree()
    {
        // A 2x2 Conv with hand weights followed by Relu, run plain and fused: same numbers.
        var g = new ModelGraph { Name = "conv", Opset = 13 };
        g.Inputs.Add(new ValueInfo("img", DataType.Float32, SymShape.Of(1, 1, 3, 3)));
        g.Initializers["k"] = Tensor.FromFloats(new[] { 1, 1, 2, 2 }, new[] { 1f, -1f, 0f, 2f });
        g.Nodes.Add(new Node("conv", "Conv", new[] { "img", "k" }, new[] { "c" }));
        g.Nodes.Add(new Node("relu", "Relu", new[] { "c" }, new[] { "out" }));
        g.Outputs.Add(new ValueInfo("out", DataType.Float32, SymShape.Of(1, 1, 2, 2)));
        var img = SampleGraphs.Inputs(("img", Tensor.FromFloats(new[] { 1, 1, 3, 3 }, new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f })));
        // Windows: [1,2,4,5] -> 1-2+0+10 = 9; [2,3,5,6] -> 2-3+12 = 11; [4,5,7,8] -> 4-5+16 = 15; [5,6,8,9] -> 5-6+18 = 17
        Assert.Equal(new[] { 9f, 11f, 15f, 17f }, OrtRunner.Run(g, img)["out"].Floats);

        var relu = g.Nodes[1];
        g.Nodes.Remove(relu);
        g.Nodes[0].Fused.Add(relu);
        g.Nodes[0].Outputs[0] = "out";
        Assert.Equal(new[] { 9f, 11f, 15f, 17f }, OrtRunner.Run(g, img)["out"].Floats);
    }
}
