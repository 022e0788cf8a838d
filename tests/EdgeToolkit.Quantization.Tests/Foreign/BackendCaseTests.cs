using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Tests.Dense;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Foreign;

/// <summary>
/// The ONNX backend cases of the foreign quantized ops (Debian's libonnx-testdata, as the
/// conformance table runs them) give their reference outputs exactly, not within the table's
/// tolerance: in the evaluator and in generated C on the host.
/// </summary>
public class BackendCaseTests(ITestOutputHelper output)
{
    private const string Root = "/usr/share/libonnx-testdata/data/node";

    [Theory]
    [InlineData("test_qlinearmatmul_2D")]
    [InlineData("test_qlinearmatmul_3D")]
    [InlineData("test_matmulinteger")]
    [InlineData("test_dynamicquantizelinear")]
    [InlineData("test_dynamicquantizelinear_max_adjusted")]
    [InlineData("test_dynamicquantizelinear_min_adjusted")]
    public void Case_gives_its_reference_outputs_exactly_in_evaluator_and_C(string name)
    {
        var dir = Path.Combine(Root, name);
        if (!Directory.Exists(dir)) { output.WriteLine($"SKIPPED: {dir} is missing (sudo apt-get install libonnx-testdata)"); return; }
        var tc = OnnxTestCase.Load(dir);
        var g = OnnxImporter.Load(tc.ModelPath);
        Assert.NotEmpty(tc.DataSets);
        var first = tc.DataSets[0].Inputs;
        for (int i = 0; i < g.Inputs.Count; i++) g.Inputs[i] = g.Inputs[i] with { Shape = first[g.Inputs[i].Name].SymShape };
        ShapeInference.Run(g);

        foreach (var (ds, k) in tc.DataSets.Select((d, k) => (d, k)))
            ExactAssert.Equal(ds.ExpectedOutputs, Evaluator.Run(g, ds.Inputs), $"{name}, evaluator, data set {k}");
        var run = DenseRuns.Run(DenseRuns.Optimised(g), "host", tc.DataSets.Select(d => (IReadOnlyDictionary<string, Tensor>)d.Inputs).ToList());
        foreach (var (ds, k) in tc.DataSets.Select((d, k) => (d, k)))
            ExactAssert.Equal(ds.ExpectedOutputs, run.Outputs[k], $"{name}, C on host, data set {k}");
        output.WriteLine($"{name}: {tc.DataSets.Count} data set(s), {string.Join(" ", g.Nodes.Select(n => n.OpType).Distinct())}, exact in both");
    }
}
