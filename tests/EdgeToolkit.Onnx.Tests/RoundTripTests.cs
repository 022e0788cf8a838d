using EdgeToolkit.Graph;
using Onnx;

namespace EdgeToolkit.Onnx.Tests;

public class RoundTripTests
{
    private static ModelGraph RoundTrip(ModelGraph g) => OnnxImporter.Load(OnnxExporter.ToBytes(g), "roundtrip.onnx");

    private static void AssertSameStructure(ModelGraph expected, ModelGraph actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Opset, actual.Opset);
        Assert.Equal(expected.Inputs, actual.Inputs);
        Assert.Equal(expected.Outputs, actual.Outputs);
        Assert.Equal(expected.Initializers.Keys.Order(), actual.Initializers.Keys.Order());
        foreach (var (name, t) in expected.Initializers)
        {
            Assert.Equal(t.Shape, actual.Initializers[name].Shape);
            Assert.Equal(t.Data, actual.Initializers[name].Data);
        }
        Assert.Equal(expected.Nodes.Count, actual.Nodes.Count);
        for (int i = 0; i < expected.Nodes.Count; i++)
        {
            Node e = expected.Nodes[i], a = actual.Nodes[i];
            Assert.Equal((e.Name, e.OpType, e.Domain), (a.Name, a.OpType, a.Domain));
            Assert.Equal(e.Inputs, a.Inputs);
            Assert.Equal(e.Outputs, a.Outputs);
            Assert.Equal(e.Attributes.Keys.Order(), a.Attributes.Keys.Order());
            foreach (var (k, attr) in e.Attributes)
            {
                Assert.Equal(attr.Kind, a.Attributes[k].Kind);
                if (attr.G != null) AssertSameStructure(attr.G, a.Attributes[k].G!);
                else Assert.Equal(attr.ToString(), a.Attributes[k].ToString());
            }
        }
    }

    [Fact]
    public void Gemm_relu_survives_export_and_import()
    {
        var g = SampleGraphs.GemmRelu();
        var back = RoundTrip(g);
        AssertSameStructure(g, back);
        Assert.Equal(g.ValueInfos["h"], back.ValueInfos["h"]);
        Assert.Equal("edgetk-tests", back.Metadata["producer_name"]);
        Assert.Equal("hand-made", back.Metadata["card"]);
    }

    [Fact]
    public void Gemm_relu_runs_in_onnx_runtime_with_the_hand_computed_result()
    {
        // x·W + b = [1+0+6+0.5, 0-2+3-10] = [7.5, -9]; Relu -> [7.5, 0]
        var y = OrtRunner.Run(SampleGraphs.GemmRelu(), SampleGraphs.Inputs(("x", Tensor.FromFloats(new[] { 1, 3 }, new[] { 1f, 2f, 3f }))));
        Assert.Equal(new[] { 7.5f, 0f }, Assert.Single(y).Value.Floats);
        Assert.Equal(new[] { 1, 2 }, y["y"].Shape);
    }

    [Fact]
    public void If_with_subgraphs_survives_export_and_import_and_runs_both_branches()
    {
        var g = SampleGraphs.IfGraph();
        AssertSameStructure(g, RoundTrip(g));

        var x = Tensor.Vector(2f, 3f);
        var yes = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { true });
        var no = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { false });
        Assert.Equal(new[] { 3f, 4f }, OrtRunner.Run(g, SampleGraphs.Inputs(("cond", yes), ("x", x)))["y"].Floats);
        Assert.Equal(new[] { 4f, 6f }, OrtRunner.Run(g, SampleGraphs.Inputs(("cond", no), ("x", x)))["y"].Floats);
    }

    [Fact]
    public void Hostile_names_survive_and_run()
    {
        var g = SampleGraphs.HostileNames();
        AssertSameStructure(g, RoundTrip(g));
        var y = OrtRunner.Run(g, SampleGraphs.Inputs(("a\"b", Tensor.Vector(-1f, 2f))));
        Assert.Equal(new[] { 10f, 22f }, y["x.y/z"].Floats);
    }

    [Fact]
    public void Fused_post_ops_are_written_as_separate_nodes_that_onnx_runtime_runs()
    {
        // What FusionPass leaves: Gemm carries Relu then Clip(0, 5); its output is the Clip's.
        var g = SampleGraphs.GemmRelu();
        g.Initializers["lo"] = Tensor.Scalar(0f);
        g.Initializers["hi"] = Tensor.Scalar(5f);
        var gemm = g.Nodes[0];
        var relu = g.Nodes[1];
        g.Nodes.Remove(relu);
        gemm.Fused.Add(relu);
        gemm.Fused.Add(new Node("clip", "Clip", new[] { "y", "lo", "hi" }, new[] { "clipped" }));
        gemm.Outputs[0] = "clipped";
        g.Outputs[0] = new ValueInfo("clipped", DataType.Float32, SymShape.Of(1, 2));
        g.ValueInfos.Remove("h");

        var model = OnnxExporter.ToProto(g);
        Assert.Equal(new[] { "Gemm", "Relu", "Clip" }, model.Graph.Node.Select(n => n.OpType));
        Assert.Equal(new[] { "h", "y", "clipped" }, model.Graph.Node.Select(n => n.Output[0])); // original names reused
        Assert.Equal(new[] { "y", "lo", "hi" }, model.Graph.Node[2].Input);

        // [7.5, -9] -> Relu [7.5, 0] -> Clip [5, 0]
        var y = OrtRunner.Run(g, SampleGraphs.Inputs(("x", Tensor.FromFloats(new[] { 1, 3 }, new[] { 1f, 2f, 3f }))));
        Assert.Equal(new[] { 5f, 0f }, y["clipped"].Floats);
    }

    [Fact]
    public void Fresh_names_avoid_values_already_in_the_graph()
    {
        var g = SampleGraphs.GemmRelu();
        var relu = g.Nodes[1];
        g.Nodes.Remove(relu);
        g.Nodes[0].Fused.Add(relu);
        g.Nodes[0].Outputs[0] = "y";
        g.Initializers["h"] = Tensor.Scalar(1f); // the name fusion recorded is now taken
        var model = OnnxExporter.ToProto(g);
        Assert.NotEqual("h", model.Graph.Node[0].Output[0]);
        Assert.Equal(model.Graph.Node[0].Output[0], model.Graph.Node[1].Input[0]);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(8, 3)]
    [InlineData(9, 4)]
    [InlineData(10, 5)]
    [InlineData(11, 6)]
    [InlineData(12, 7)]
    [InlineData(13, 7)]
    [InlineData(14, 7)]
    [InlineData(15, 8)]
    [InlineData(18, 8)]
    [InlineData(19, 9)]
    [InlineData(20, 9)]
    [InlineData(21, 10)]
    public void Ir_version_follows_the_onnx_versioning_table_and_runs(int opset, long ir)
    {
        var g = SampleGraphs.GemmRelu(opset);
        var model = OnnxExporter.ToProto(g);
        Assert.Equal(ir, model.IrVersion);
        Assert.Equal(opset, model.OpsetImport.Single(o => o.Domain == "").Version);
        // IR 3 requires initializers to be listed as graph inputs as well.
        Assert.Equal(ir < 4 ? 3 : 1, model.Graph.Input.Count);
        Assert.Equal("x", Assert.Single(RoundTrip(g).Inputs).Name);
        var y = OrtRunner.Run(g, SampleGraphs.Inputs(("x", Tensor.FromFloats(new[] { 1, 3 }, new[] { 1f, 2f, 3f }))));
        Assert.Equal(new[] { 7.5f, 0f }, y["y"].Floats);
    }

    [Fact]
    public void An_if_at_ir_version_3_writes_subgraph_constants_as_constant_nodes()
    {
        var g = SampleGraphs.IfGraph();
        g.Opset = 8; // If exists since opset 1; opset 8 means IR 3
        var model = OnnxExporter.ToProto(g);
        Assert.Equal(3, model.IrVersion);
        Assert.Contains(model.Graph.Input, i => i.Name == "two");
        var then = model.Graph.Node[0].Attribute.Single(a => a.Name == "then_branch").G;
        Assert.Empty(then.Input);
        Assert.Empty(then.Initializer);
        Assert.Equal(new[] { "Constant", "Add" }, then.Node.Select(n => n.OpType));
        Assert.Equal(new[] { 1f }, RoundTrip(g).Nodes[0].GetGraph("then_branch")!.Initializers["one"].Floats);
        var inputs = SampleGraphs.Inputs(("cond", new Tensor(DataType.Bool, Array.Empty<int>(), new[] { true })), ("x", Tensor.Vector(2f, 3f)));
        Assert.Equal(new[] { 3f, 4f }, OrtRunner.Run(g, inputs)["y"].Floats);
    }

    [Fact]
    public void A_constant_graph_output_is_written_as_a_constant_node()
    {
        var g = new ModelGraph { Name = "const", Opset = 13 };
        g.Initializers["c"] = Tensor.FromInt64s(new[] { 2 }, new[] { 4L, 5L });
        g.Outputs.Add(new ValueInfo("c", DataType.Int64, SymShape.Of(2)));
        var model = OnnxExporter.ToProto(g);
        Assert.Equal("Constant", Assert.Single(model.Graph.Node).OpType);
        Assert.Equal(new[] { 4L, 5L }, OrtRunner.Run(g, new Dictionary<string, Tensor>())["c"].Int64s);
        Assert.Equal(new[] { 4L, 5L }, RoundTrip(g).Initializers["c"].Int64s);
    }

    [Fact]
    public void Save_writes_through_a_temporary_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgetk-save-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExporter.Save(SampleGraphs.GemmRelu(), path);
            Assert.False(File.Exists(path + ".tmp"));
            Assert.Equal(2, OnnxImporter.Load(path).Nodes.Count);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Symbolic_dims_and_unknown_rank_round_trip()
    {
        var g = SampleGraphs.GemmRelu();
        g.Inputs[0] = new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(3) }));
        g.Outputs[0] = new ValueInfo("y", DataType.Float32, new SymShape(new[] { Dim.Unknown, Dim.Of(2) }));
        g.ValueInfos["h"] = new ValueInfo("h", DataType.Float32, SymShape.UnknownRank);
        var back = RoundTrip(g);
        Assert.Equal(g.Inputs[0], back.Inputs[0]);
        Assert.Equal(g.Outputs[0], back.Outputs[0]);
        Assert.Equal(g.ValueInfos["h"], back.ValueInfos["h"]);
    }
}
