using EdgeToolkit.Graph;
using Onnx;
using static EdgeToolkit.Onnx.Tests.ProtoBuilder;

namespace EdgeToolkit.Onnx.Tests;

public class OnnxTestCaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgetk-testcase-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A Sum over twelve inputs: input_10.pb must land on the eleventh input, not after input_1.pb.</summary>
    private void WriteSumCase(int inputs, int dataSets)
    {
        var g = new GraphProto { Name = "sum" };
        for (int i = 0; i < inputs; i++) g.Input.Add(Value($"x{i}", 1, 1L));
        g.Initializer.Add(FloatTensor("bias", new long[] { 1 }, 0.5f));
        g.Input.Add(Value("bias", 1, 1L)); // an initializer listed as input takes no input_i.pb slot
        g.Node.Add(Node("Sum", "sum", Enumerable.Range(0, inputs).Select(i => $"x{i}").Append("bias").ToArray(), new[] { "total" }));
        g.Output.Add(Value("total", 1, 1L));
        File.WriteAllBytes(Path.Combine(_dir, "model.onnx"), Google.Protobuf.MessageExtensions.ToByteArray(Model(g)));
        for (int s = 0; s < dataSets; s++)
        {
            var set = Directory.CreateDirectory(Path.Combine(_dir, $"test_data_set_{s}")).FullName;
            for (int i = 0; i < inputs; i++) TensorProtoFile.Write(Path.Combine(set, $"input_{i}.pb"), "", Tensor.Vector(100f * s + i));
            float total = Enumerable.Range(0, inputs).Sum(i => 100f * s + i) + 0.5f;
            TensorProtoFile.Write(Path.Combine(set, "output_0.pb"), "unrelated_name", Tensor.Vector(total));
        }
    }

    [Fact]
    public void Input_files_map_to_runtime_inputs_in_numeric_order()
    {
        WriteSumCase(inputs: 12, dataSets: 11);
        var tc = OnnxTestCase.Load(_dir);

        Assert.Equal(Path.Combine(_dir, "model.onnx"), tc.ModelPath);
        Assert.Equal(11, tc.DataSets.Count);
        Assert.EndsWith("test_data_set_10", tc.DataSets[10].Directory);
        var set = tc.DataSets[10];
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"x{i}"), set.Inputs.Keys);
        Assert.Equal(new[] { 1010f }, set.Inputs["x10"].Floats);
        Assert.Equal("total", Assert.Single(set.ExpectedOutputs).Key);
    }

    [Fact]
    public void The_hand_made_case_passes_in_onnx_runtime()
    {
        WriteSumCase(inputs: 3, dataSets: 2);
        var tc = OnnxTestCase.Load(_dir);
        var model = File.ReadAllBytes(tc.ModelPath);
        foreach (var set in tc.DataSets)
            Close.Equal(set.ExpectedOutputs["total"], OrtRunner.Run(model, set.Inputs)["total"], "total");
        // Data set 1: 100 + 101 + 102 + 0.5
        Assert.Equal(new[] { 303.5f }, tc.DataSets[1].ExpectedOutputs["total"].Floats);
    }

    [Fact]
    public void A_folder_without_a_model_is_bad_input()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => OnnxTestCase.Load(_dir));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(_dir, e.File);
    }

    [Fact]
    public void More_input_files_than_graph_inputs_is_bad_input()
    {
        WriteSumCase(inputs: 2, dataSets: 1);
        TensorProtoFile.Write(Path.Combine(_dir, "test_data_set_0", "input_2.pb"), "", Tensor.Vector(1f));
        Assert.Contains("3 input files", Assert.Throws<EdgeToolkitException>(() => OnnxTestCase.Load(_dir)).Message);
    }

    [Fact]
    public void Sequence_inputs_are_refused_by_name()
    {
        var g = new GraphProto();
        g.Input.Add(new ValueInfoProto { Name = "seq", Type = new TypeProto { SequenceType = new TypeProto.Types.Sequence() } });
        g.Node.Add(Node("SequenceLength", "len", new[] { "seq" }, new[] { "n" }));
        g.Output.Add(Value("n", 7));
        File.WriteAllBytes(Path.Combine(_dir, "model.onnx"), Google.Protobuf.MessageExtensions.ToByteArray(Model(g)));
        var set = Directory.CreateDirectory(Path.Combine(_dir, "test_data_set_0")).FullName;
        File.WriteAllBytes(Path.Combine(set, "input_0.pb"), Array.Empty<byte>());
        Assert.Contains("'seq'", Assert.Throws<EdgeToolkitException>(() => OnnxTestCase.Load(_dir)).Message);
    }
}
