using EdgeToolkit.Graph;
using EdgeToolkit.Onnx.Fuzzing;
using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx.Tests.Fuzzing;

/// <summary>
/// Hostile files built by hand. Each goes the way a user's command goes (import, then the passes)
/// and must end in an error that names the file, says what is wrong and what to do.
/// </summary>
public class HostileFileTests
{
    private const string File = "hostile.onnx";

    private static EdgeToolkitException Refused(byte[] bytes)
    {
        var e = Assert.Throws<EdgeToolkitException>(() => FuzzCaseRunner.Exercise(bytes, File));
        Assert.Null(ErrorClarity.Judge(e, File));
        return e;
    }

    private static EdgeToolkitException Refused(ModelProto m) => Refused(m.ToByteArray());

    [Fact]
    public void A_model_cut_at_every_byte_is_refused_clearly()
    {
        var full = HostileModels.Relu().ToByteArray();
        Assert.NotNull(FuzzCaseRunner.Exercise(full, File));
        for (int cut = 0; cut < full.Length; cut++)
        {
            var e = Refused(full[..cut]);
            Assert.True(e.Problem.Contains("not a valid ONNX model") || e.Problem.Contains("opset"), $"cut at {cut}: {e.Message}");
        }
    }

    [Fact]
    public void A_two_node_cycle_names_a_node_on_it()
    {
        var e = Refused(HostileModels.TwoNodeCycle());
        Assert.Contains("cycle", e.Problem);
        Assert.Contains(e.NodeName, new[] { "add", "relu" });
    }

    [Fact]
    public void A_weight_dim_of_two_to_the_62_is_refused()
    {
        var e = Refused(HostileModels.WeightClaiming(1L << 62));
        Assert.Contains("tensor 'w'", e.Problem);
        Assert.Contains((1L << 62).ToString(), e.Problem);
    }

    [Fact]
    public void A_declared_input_dim_of_two_to_the_62_is_refused()
    {
        var m = HostileModels.Relu();
        m.Graph.Input[0] = ProtoBuilder.Value("x", HostileModels.Float, 1L << 62, 4);
        var e = Refused(m);
        Assert.Contains("value 'x'", e.Problem);
        Assert.Contains((1L << 62).ToString(), e.Problem);
    }

    [Fact]
    public void A_tensor_claiming_a_trillion_elements_in_four_bytes_is_refused_before_allocating()
    {
        var bytes = HostileModels.WeightClaiming(1_000_000, 1_000_000).ToByteArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the claim was believed: memory was allocated for it");
        Assert.Contains("tensor 'w' claims more than", e.Problem);
    }

    [Fact]
    public void Raw_data_shorter_than_the_shape_says_is_refused()
    {
        var e = Refused(HostileModels.WeightClaiming(4));
        Assert.Contains("tensor 'w' holds 4 bytes of raw data but its shape and type (float) need 16", e.Problem);
    }

    [Fact]
    public void A_node_with_100000_attributes_is_refused()
    {
        var e = Refused(HostileModels.WithAttributes(100_000));
        Assert.Equal("relu", e.NodeName);
        Assert.Contains("100000 attributes", e.Problem);
    }

    [Fact]
    public void Ifs_nested_40_deep_are_refused_and_10_deep_load()
    {
        var e = Refused(HostileModels.NestedIfs(40));
        Assert.Contains("nests messages more than", e.Problem);
        var g = FuzzCaseRunner.Exercise(HostileModels.NestedIfs(10).ToByteArray(), File);
        Assert.Equal("If", Assert.Single(g.Nodes).OpType);
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/shadow")]
    [InlineData("missing.bin")]
    public void External_weights_are_refused_without_opening_the_path(string location)
    {
        var e = Refused(HostileModels.ExternalWeights(location));
        Assert.Contains("tensor 'w' keeps its data in an external file", e.Problem);
        Assert.Contains("save_as_external_data=False", e.Hint);
    }

    [Fact]
    public void A_value_produced_twice_is_refused()
    {
        var m = HostileModels.Relu();
        m.Graph.Node.Add(ProtoBuilder.Node("Relu", "again", new[] { "x" }, new[] { "y" }));
        Assert.Contains("value 'y' is produced more than once", Refused(m).Problem);
    }

    [Fact]
    public void A_graph_output_nothing_computes_is_refused()
    {
        var m = HostileModels.Relu();
        m.Graph.Output.Add(ProtoBuilder.Value("ghost", HostileModels.Float, 4));
        Assert.Contains("graph output 'ghost' of graph 'relu' is computed by no node", Refused(m).Problem);
    }

    [Fact]
    public void An_attribute_of_the_wrong_type_is_refused()
    {
        var m = HostileModels.Relu();
        m.Graph.Node[0].Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, I = 3 });
        var e = Refused(m);
        Assert.Equal("relu", e.NodeName);
        Assert.Contains("attribute 'then_branch' says it holds a Graph but has none", e.Problem);
    }

    /// <summary>Protobuf would merge 5,000 copies of a oneof member, each merge copying the last: quadratic.</summary>
    [Fact]
    public void A_type_written_thousands_of_times_is_refused_before_parsing()
    {
        var tree = WireMessage.Parse(HostileModels.Relu().ToByteArray(), ModelProto.Descriptor);
        var type = tree.DescendantsOfType(nameof(TypeProto)).First();
        var tensorType = type.First(TypeProto.TensorTypeFieldNumber)!;
        type.Fields.AddRange(Enumerable.Repeat(tensorType, 5000));
        Assert.Contains("field TypeProto.tensor_type is written more than once", Refused(tree.ToBytes()).Problem);
    }

    [Fact]
    public void A_chain_of_10000_nodes_listed_last_to_first_loads_in_order()
    {
        var m = HostileModels.Relu();
        m.Graph.Node.Clear();
        for (int i = 9_999; i >= 0; i--)
            m.Graph.Node.Add(ProtoBuilder.Node("Relu", $"r{i}", new[] { i == 0 ? "x" : $"v{i - 1}" }, new[] { i == 9_999 ? "y" : $"v{i}" }));
        var g = OnnxImporter.Load(m.ToByteArray(), File);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => $"r{i}"), g.Nodes.Select(n => n.Name));
        Assert.NotNull(FuzzCaseRunner.Exercise(m.ToByteArray(), File));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(-5)]
    public void A_bogus_default_opset_is_refused(long version)
    {
        var m = HostileModels.Relu();
        m.OpsetImport[0].Version = version;
        Assert.Contains($"opset {version} of the default ONNX domain", Refused(m).Problem);
    }
}
