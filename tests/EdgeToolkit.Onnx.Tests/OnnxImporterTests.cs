using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;
using static EdgeToolkit.Onnx.Tests.ProtoBuilder;

namespace EdgeToolkit.Onnx.Tests;

public class OnnxImporterTests
{
    private static ModelGraph Import(ModelProto m) => OnnxImporter.Load(m.ToByteArray(), "test.onnx");

    [Fact]
    public void Reads_inputs_outputs_and_value_info_with_symbolic_and_unknown_dims()
    {
        var g = new GraphProto { Name = "net" };
        g.Input.Add(Value("x", 1, "batch", 3L, null!));
        g.Output.Add(Value("y", 1, "batch", 3L, null!));
        g.Output.Add(new ValueInfoProto { Name = "z", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 7 } } });
        g.ValueInfo.Add(Value("mid", 1, 4L));
        g.Node.Add(Node("Relu", "r", new[] { "x" }, new[] { "mid" }));
        g.Node.Add(Node("Relu", "r2", new[] { "mid" }, new[] { "y" }));
        g.Node.Add(Node("Shape", "s", new[] { "x" }, new[] { "z" }));

        var graph = Import(Model(g));

        Assert.Equal("net", graph.Name);
        Assert.Equal("test.onnx", graph.SourcePath);
        var x = Assert.Single(graph.Inputs);
        Assert.Equal(new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(3), Dim.Unknown })), x);
        Assert.Equal(new ValueInfo("z", DataType.Int64, SymShape.UnknownRank), graph.Outputs[1]);
        Assert.Equal(SymShape.Of(4), graph.ValueInfos["mid"].Shape);
        Assert.Equal(new[] { "r", "r2", "s" }, graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Opsets_go_to_the_default_and_extra_domains_and_metadata_is_kept()
    {
        var g = new GraphProto();
        g.Input.Add(Value("x", 1, 1L));
        g.Output.Add(Value("y", 1, 1L));
        g.Node.Add(Node("Relu", "r", new[] { "x" }, new[] { "y" }));
        var m = Model(g, opset: 11);
        m.OpsetImport[0].Domain = "ai.onnx";
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        m.ProducerName = "pytorch"; m.ProducerVersion = "2.1"; m.DocString = "a model";
        m.MetadataProps.Add(new StringStringEntryProto { Key = "license", Value = "MIT" });

        var graph = Import(m);

        Assert.Equal(11, graph.Opset);
        Assert.Equal(1, graph.ExtraOpsets["com.microsoft"]);
        Assert.False(graph.ExtraOpsets.ContainsKey("ai.onnx"));
        Assert.Equal("pytorch", graph.Metadata["producer_name"]);
        Assert.Equal("2.1", graph.Metadata["producer_version"]);
        Assert.Equal("a model", graph.Metadata["doc_string"]);
        Assert.Equal("MIT", graph.Metadata["license"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(22)]
    public void Opsets_outside_1_to_21_are_refused_clearly(int opset)
    {
        var g = new GraphProto();
        g.Output.Add(Value("y", 1, 1L));
        var e = Assert.Throws<EdgeToolkitException>(() => Import(Model(g, opset)));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains($"opset {opset}", e.Message);
        Assert.Contains("1 to 21", e.Message);
        Assert.Equal("test.onnx", e.File);
        Assert.True(e.Unsupported);
    }

    [Fact]
    public void Constant_nodes_of_every_form_become_initializers()
    {
        var g = new GraphProto();
        g.Node.Add(Node("Constant", "c0", new string[0], new[] { "t" }, TensorAttr("value", FloatTensor("", new long[] { 2 }, 1f, 2f))));
        g.Node.Add(Node("Constant", "c1", new string[0], new[] { "f" }, Float("value_float", 0.5f)));
        g.Node.Add(Node("Constant", "c2", new string[0], new[] { "fs" }, Floats("value_floats", 1f, 2f, 3f)));
        g.Node.Add(Node("Constant", "c3", new string[0], new[] { "i" }, Int("value_int", -4)));
        g.Node.Add(Node("Constant", "c4", new string[0], new[] { "is" }, Ints("value_ints", 5, 6)));
        g.Node.Add(Node("Constant", "c5", new string[0], new[] { "s" }, String("value_string", "hi")));
        g.Node.Add(Node("Constant", "c6", new string[0], new[] { "ss" }, Strings("value_strings", "a", "b")));
        g.Node.Add(Node("Add", "add", new[] { "t", "fs" }, new[] { "y" }));
        g.Output.Add(Value("y", 1, 3L));

        var graph = Import(Model(g));

        Assert.Equal("Add", Assert.Single(graph.Nodes).OpType);
        Assert.Equal(new[] { 1f, 2f }, graph.Initializers["t"].Floats);
        Assert.Equal(Array.Empty<int>(), graph.Initializers["f"].Shape);
        Assert.Equal(new[] { 0.5f }, graph.Initializers["f"].Floats);
        Assert.Equal(new[] { 3 }, graph.Initializers["fs"].Shape);
        Assert.Equal(new[] { -4L }, graph.Initializers["i"].Int64s);
        Assert.Equal(new[] { 5L, 6L }, graph.Initializers["is"].Int64s);
        Assert.Equal(new[] { "hi" }, graph.Initializers["s"].Data);
        Assert.Equal(new[] { "a", "b" }, graph.Initializers["ss"].Data);
    }

    [Fact]
    public void Graph_inputs_that_are_initializers_are_constants_not_runtime_inputs()
    {
        var g = new GraphProto();
        g.Input.Add(Value("x", 1, 2L));
        g.Input.Add(Value("w", 1, 2L));
        g.Initializer.Add(FloatTensor("w", new long[] { 2 }, 3f, 4f));
        g.Node.Add(Node("Mul", "m", new[] { "x", "w" }, new[] { "y" }));
        g.Output.Add(Value("y", 1, 2L));

        var graph = Import(Model(g, opset: 8, ir: 3));

        Assert.Equal("x", Assert.Single(graph.Inputs).Name);
        Assert.Equal(new[] { 3f, 4f }, graph.Initializers["w"].Floats);
    }

    [Fact]
    public void Unnamed_and_duplicate_node_names_are_made_unique_and_nodes_sorted()
    {
        var g = new GraphProto();
        g.Input.Add(Value("x", 1, 1L));
        // Deliberately out of order: the importer must sort them.
        g.Node.Add(Node("Relu", "dup", new[] { "b" }, new[] { "y" }));
        g.Node.Add(Node("Relu", "", new[] { "a" }, new[] { "b" }));
        g.Node.Add(Node("Relu", "dup", new[] { "x" }, new[] { "a" }));
        g.Output.Add(Value("y", 1, 1L));

        var graph = Import(Model(g));

        Assert.Equal(new[] { "a", "b", "y" }, graph.Nodes.Select(n => n.Outputs[0]));
        var names = graph.Nodes.Select(n => n.Name).ToList();
        Assert.Equal(3, names.Distinct().Count());
        Assert.Equal("dup", graph.Nodes.Single(n => n.Outputs[0] == "y").Name);
        Assert.Equal("Relu_1", graph.Nodes.Single(n => n.Outputs[0] == "b").Name);
        Assert.StartsWith("dup_", graph.Nodes.Single(n => n.Outputs[0] == "a").Name);
    }

    [Fact]
    public void Hostile_names_are_kept_verbatim()
    {
        string[] names = { "a\"b", "onnx::Flatten_0", "x.y/z", "back\\slash", "ü数 name" };
        var g = new GraphProto();
        g.Input.Add(Value(names[0], 1, 1L));
        g.Node.Add(Node("Relu", names[1], new[] { names[0] }, new[] { names[1] }));
        g.Node.Add(Node("Relu", names[3], new[] { names[1] }, new[] { names[2] }));
        g.Output.Add(Value(names[2], 1, 1L));
        g.Initializer.Add(FloatTensor(names[4], new long[] { 1 }, 1f));

        var graph = Import(Model(g));

        Assert.Equal(names[0], graph.Inputs[0].Name);
        Assert.Equal(new[] { names[1], names[3] }, graph.Nodes.Select(n => n.Name));
        Assert.Equal(names[2], graph.Outputs[0].Name);
        Assert.True(graph.IsInitializer(names[4]));
    }

    [Fact]
    public void Attributes_of_every_kind_are_read()
    {
        var g = new GraphProto();
        g.Input.Add(Value("x", 1, 1L));
        var t = FloatTensor("", new long[] { 1 }, 9f);
        var a = new AttributeProto { Name = "ts", Type = AttributeProto.Types.AttributeType.Tensors, Tensors = { t } };
        g.Node.Add(Node("Custom", "c", new[] { "x" }, new[] { "y" },
            Float("f", 1.5f), Int("i", 3), String("s", "same_upper"), Floats("fs", 1, 2), Ints("is", 4, 5), Strings("ss", "p", "q"),
            TensorAttr("t", t), a, new AttributeProto { Name = "legacy", Ints = { 7, 8 } }));
        g.Node[0].Domain = "my.domain";
        g.Output.Add(Value("y", 1, 1L));
        var m = Model(g);
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "my.domain", Version = 1 });

        var n = Assert.Single(Import(m).Nodes);

        Assert.Equal("my.domain", n.Domain);
        Assert.Equal(1.5f, n.GetFloat("f", 0));
        Assert.Equal(3, n.GetInt("i", 0));
        Assert.Equal("same_upper", n.GetString("s", ""));
        Assert.Equal(new[] { 1f, 2f }, n.GetFloats("fs"));
        Assert.Equal(new[] { 4L, 5L }, n.GetInts("is"));
        Assert.Equal(new[] { "p", "q" }, n.Attributes["ss"].Strings);
        Assert.Equal(new[] { 9f }, n.GetTensor("t")!.Floats);
        Assert.Equal(new[] { 9f }, n.Attributes["ts"].Tensors![0].Floats);
        Assert.Equal(new[] { 7L, 8L }, n.GetInts("legacy")); // old exporters left the type unset
    }

    [Fact]
    public void If_branches_are_imported_as_subgraphs_with_outer_scope_and_constants()
    {
        var then = new GraphProto { Name = "then" };
        then.Node.Add(Node("Constant", "k", new string[0], new[] { "one" }, Float("value_float", 1f)));
        then.Node.Add(Node("Add", "add", new[] { "x", "one" }, new[] { "t_out" }));
        then.Output.Add(Value("t_out", 1, 2L));
        var otherwise = new GraphProto { Name = "else" };
        otherwise.Node.Add(Node("Mul", "mul", new[] { "x", "two" }, new[] { "e_out" }));
        otherwise.Output.Add(Value("e_out", 1, 2L));
        var g = new GraphProto();
        g.Input.Add(Value("cond", 9));
        g.Input.Add(Value("x", 1, 2L));
        g.Initializer.Add(FloatTensor("two", new long[] { 1 }, 2f));
        g.Node.Add(Node("If", "if", new[] { "cond" }, new[] { "y" }, GraphAttr("then_branch", then), GraphAttr("else_branch", otherwise)));
        g.Output.Add(Value("y", 1, 2L));

        var graph = Import(Model(g));

        var node = Assert.Single(graph.Nodes);
        var thenGraph = node.GetGraph("then_branch")!;
        Assert.Equal(new[] { 1f }, thenGraph.Initializers["one"].Floats);
        Assert.Equal("Add", Assert.Single(thenGraph.Nodes).OpType);
        Assert.Contains("x", thenGraph.OuterScope);
        Assert.Contains("two", node.GetGraph("else_branch")!.OuterScope);
        Assert.Equal(new[] { "x", "two" }, ModelGraph.SubgraphCaptures(node).Distinct().OrderByDescending(s => s));
    }

    [Fact]
    public void A_cycle_and_a_dangling_input_are_reported_with_the_node()
    {
        var cyc = new GraphProto();
        cyc.Input.Add(Value("x", 1, 1L));
        cyc.Node.Add(Node("Add", "n1", new[] { "x", "b" }, new[] { "a" }));
        cyc.Node.Add(Node("Relu", "n2", new[] { "a" }, new[] { "b" }));
        cyc.Output.Add(Value("b", 1, 1L));
        var e = Assert.Throws<EdgeToolkitException>(() => Import(Model(cyc)));
        Assert.Contains("cycle", e.Message);
        Assert.Equal("test.onnx", e.File);

        var dangling = new GraphProto();
        dangling.Node.Add(Node("Relu", "lonely", new[] { "nowhere" }, new[] { "y" }));
        dangling.Output.Add(Value("y", 1, 1L));
        e = Assert.Throws<EdgeToolkitException>(() => Import(Model(dangling)));
        Assert.Contains("'nowhere'", e.Message);
        Assert.Equal("lonely", e.NodeName);
    }

    [Fact]
    public void External_weights_give_a_clear_error_naming_the_file()
    {
        var g = new GraphProto();
        var w = new TensorProto { Name = "w", DataType = 1, Dims = { 4 }, DataLocation = TensorProto.Types.DataLocation.External };
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "model.onnx.data" });
        g.Initializer.Add(w);
        g.Output.Add(Value("w", 1, 4L));
        var e = Assert.Throws<EdgeToolkitException>(() => Import(Model(g)));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("external", e.Message);
        Assert.Equal("test.onnx", e.File);
        Assert.True(e.Unsupported); // a valid model, just not one the toolkit reads
    }

    [Fact]
    public void Value_assigned_twice_is_malformed()
    {
        var g = new GraphProto();
        g.Input.Add(Value("x", 1, 1L));
        g.Node.Add(Node("Relu", "a", new[] { "x" }, new[] { "y" }));
        g.Node.Add(Node("Neg", "b", new[] { "x" }, new[] { "y" }));
        g.Output.Add(Value("y", 1, 1L));
        var e = Assert.Throws<EdgeToolkitException>(() => Import(Model(g)));
        Assert.Contains("more than once", e.Message);
        Assert.False(e.Unsupported); // malformed, not merely unsupported
        Assert.Equal("b", e.NodeName);
    }
}
