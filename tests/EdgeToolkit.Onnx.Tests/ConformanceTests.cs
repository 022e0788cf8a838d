using EdgeToolkit.Graph;
using Xunit.Abstractions;

namespace EdgeToolkit.Onnx.Tests;

/// <summary>
/// Real ONNX backend test cases: ONNX Runtime on the reference inputs must reproduce the reference
/// outputs. That checks the test-case reader and the runner against data made by the ONNX project;
/// running the importer + exporter round trip of the same model checks the converter on real files.
/// </summary>
public class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => new()
    {
        "node/test_relu",
        "node/test_gemm_default_matrix_bias",
        "node/test_gemm_default_no_bias",
        "node/test_conv_with_strides_padding",
        "node/test_constant",
        "node/test_if",
        "node/test_slice",
        "node/test_add_bcast",
        "node/test_maxpool_2d_default",
        "node/test_softmax_example",
        "node/test_matmul_2d",
        "node/test_reshape_reordered_all_dims",
        "node/test_cast_FLOAT_to_DOUBLE",
        "node/test_and2d",
        "node/test_loop11",
        "pytorch-converted/test_MaxPool2d_stride_padding_dilation",
        "simple/test_single_relu_model",
        "simple/test_expand_shape_model1",
        "node/test_transpose_default",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Onnx_runtime_reproduces_the_reference_outputs(string relative)
    {
        var dir = TestData.Case(output, relative);
        if (dir == null) return;
        var testCase = OnnxTestCase.Load(dir);
        Assert.NotEmpty(testCase.DataSets);
        var model = File.ReadAllBytes(testCase.ModelPath);
        foreach (var set in testCase.DataSets)
            AssertOutputs(set, OrtRunner.Run(model, set.Inputs), "original");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_then_export_keeps_the_reference_outputs(string relative)
    {
        var dir = TestData.Case(output, relative);
        if (dir == null) return;
        var testCase = OnnxTestCase.Load(dir);
        var graph = OnnxImporter.Load(testCase.ModelPath);
        foreach (var set in testCase.DataSets)
            AssertOutputs(set, OrtRunner.Run(graph, set.Inputs), "round trip");
    }

    private static void AssertOutputs(OnnxTestDataSet set, Dictionary<string, Tensor> actual, string what)
    {
        Assert.NotEmpty(set.ExpectedOutputs);
        foreach (var (name, expected) in set.ExpectedOutputs)
            Close.Equal(expected, actual[name], $"{what} {Path.GetFileName(set.Directory)} output '{name}'");
    }

    [Fact]
    public void Test_case_inputs_map_to_graph_inputs_in_order()
    {
        var dir = TestData.Case(output, "node/test_gemm_default_matrix_bias");
        if (dir == null) return;
        var set = Assert.Single(OnnxTestCase.Load(dir).DataSets);
        var graph = OnnxImporter.Load(Path.Combine(dir, "model.onnx"));
        Assert.Equal(graph.Inputs.Select(i => i.Name), set.Inputs.Keys);
        Assert.Equal(graph.Outputs.Select(o => o.Name), set.ExpectedOutputs.Keys);
        // ONNX gemm.py export_default_matrix_bias: a [3,6], b [6,4], c [3,4] -> y [3,4]
        Assert.Equal(new[] { 3, 6 }, set.Inputs.Values.First().Shape);
        Assert.Equal(new[] { 3, 4 }, set.ExpectedOutputs.Values.Single().Shape);
    }

    [Fact]
    public void An_old_pytorch_export_at_opset_6_imports_with_its_opset()
    {
        var dir = TestData.Case(output, "pytorch-converted/test_Conv2d");
        if (dir == null) return;
        var g = OnnxImporter.Load(Path.Combine(dir, "model.onnx"));
        Assert.Equal(6, g.Opset);
        Assert.Contains(g.Nodes, n => n.OpType == "Conv");
    }

    [Fact]
    public void Every_node_test_model_imports_or_fails_with_bad_input()
    {
        var root = TestData.Case(output, "node");
        if (root == null) return;
        int ok = 0;
        var refused = new List<string>();
        foreach (var dir in Directory.GetDirectories(root).Order())
        {
            try { OnnxImporter.Load(Path.Combine(dir, "model.onnx")); ok++; }
            catch (EdgeToolkitException e)
            {
                Assert.Equal(ErrorKind.BadInput, e.Kind);
                refused.Add($"{Path.GetFileName(dir)}: {e.Problem}");
            }
        }
        output.WriteLine($"imported {ok}, refused {refused.Count}");
        foreach (var r in refused) output.WriteLine(r);
        Assert.True(ok >= 0.95 * (ok + refused.Count), $"only {ok} of {ok + refused.Count} imported");
        // The data holds training-only models (no default opset) and one TypeProto attribute.
        Assert.All(refused, r => Assert.Matches("opset|TypeProto", r));
    }

    /// <summary>
    /// Every node test ONNX Runtime can run as shipped must give the same outputs after import and
    /// export: the strongest check that the converter loses nothing on real files.
    /// </summary>
    [Fact]
    public void Every_runnable_node_test_gives_the_same_outputs_after_a_round_trip()
    {
        var root = TestData.Case(output, "node");
        if (root == null) return;
        int compared = 0, matchedReference = 0;
        var broken = new List<string>();
        foreach (var dir in Directory.GetDirectories(root).Order())
        {
            OnnxTestCase testCase;
            ModelGraph graph;
            Dictionary<string, Tensor> reference;
            try
            {
                testCase = OnnxTestCase.Load(dir);
                if (testCase.DataSets.Count == 0) continue;
                graph = OnnxImporter.Load(testCase.ModelPath);
                reference = OrtRunner.Run(File.ReadAllBytes(testCase.ModelPath), testCase.DataSets[0].Inputs);
            }
            catch (EdgeToolkitException) { continue; } // not importable, or ONNX Runtime cannot run it as shipped
            if (MatchesExpected(testCase.DataSets[0], reference)) matchedReference++;
            try
            {
                var actual = OrtRunner.Run(graph, testCase.DataSets[0].Inputs);
                foreach (var (name, t) in reference) Close.Equal(t, actual[name], name, rtol: 1e-6, atol: 1e-6);
                compared++;
            }
            catch (Exception e) when (e is EdgeToolkitException or Xunit.Sdk.XunitException or KeyNotFoundException)
            {
                broken.Add($"{Path.GetFileName(dir)}: {e.Message}");
            }
        }
        output.WriteLine($"{compared} node tests gave identical outputs after the round trip; " +
            $"{matchedReference} matched the ONNX reference outputs read by OnnxTestCase");
        foreach (var b in broken) output.WriteLine(b);
        Assert.Empty(broken);
        Assert.True(compared > 800, $"only {compared} cases compared");
        // ONNX Runtime itself misses a few references (random ops, known deviations); the reader must not add to that.
        Assert.True(matchedReference > 0.95 * compared, $"only {matchedReference} of {compared} matched the reference outputs");
    }

    private static bool MatchesExpected(OnnxTestDataSet set, Dictionary<string, Tensor> actual)
    {
        try
        {
            foreach (var (name, expected) in set.ExpectedOutputs) Close.Equal(expected, actual[name], name);
            return true;
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or KeyNotFoundException) { return false; }
    }
}
