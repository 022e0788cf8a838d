using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Tests.Dense;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Foreign;

/// <summary>
/// QLinearMatMul, MatMulInteger and DynamicQuantizeLinear as other tools write them: the
/// hand-built ForeignOpsModel exported with OnnxExporter and run by ONNX Runtime is the reference;
/// the C# evaluator and the generated C on every target (host, AArch64, soft-float Cortex-M0/M3,
/// the DSP kernels of Cortex-M4/M7/M33, single- and double-precision FPUs) give its outputs bit for bit.
/// </summary>
public class ForeignOpsTests(ITestOutputHelper output)
{
    private sealed record Reference(ModelGraph Graph, List<Dictionary<string, Tensor>> Cases, List<Dictionary<string, Tensor>> Ort);

    private static readonly Lazy<Reference> Model = new(() =>
    {
        var g = ForeignOpsModel.Build();
        var cases = ForeignOpsModel.Inputs(g);
        using var ort = new OrtSession(OnnxExporter.ToBytes(g));
        return new Reference(g, cases, cases.Select(c => ort.Run(c)).ToList());
    });

    [Fact]
    public void Evaluator_equals_onnx_runtime_bit_for_bit()
    {
        var m = Model.Value;
        for (int c = 0; c < m.Cases.Count; c++)
            ExactAssert.Equal(m.Ort[c], Evaluator.Run(m.Graph, m.Cases[c]), $"evaluator, case {c}");

        // The requantised outputs are not all saturated or constant: the comparison means something.
        foreach (var name in new[] { "q_u8_u8_out", "q_u8_s8_per_column_out", "q_s8_batched_out", "q_s8_odd_out" })
        {
            var v = m.Ort.SelectMany(o => o[name].ToInt64Array()).ToList();
            var (lo, hi) = m.Ort[0][name].Type == DataType.UInt8 ? (0, 255) : (-128, 127);
            output.WriteLine($"{name}: {v.Distinct().Count()} distinct values, {v.Count(x => x == lo || x == hi)} of {v.Count} saturated");
            Assert.True(v.Count(x => x != lo && x != hi) > v.Count / 2, $"{name}: most outputs saturate");
        }
    }

    [Theory]
    [InlineData("host")]
    [InlineData("aarch64")]
    [InlineData("cortex-m0")]
    [InlineData("cortex-m3")]
    [InlineData("cortex-m4")]
    [InlineData("cortex-m7")]
    [InlineData("cortex-m33")]
    public void Generated_C_equals_onnx_runtime_bit_for_bit(string target)
    {
        var m = Model.Value;
        var run = DenseRuns.Run(DenseRuns.Optimised(m.Graph), target, m.Cases.Cast<IReadOnlyDictionary<string, Tensor>>().ToList());
        for (int c = 0; c < m.Cases.Count; c++) ExactAssert.Equal(m.Ort[c], run.Outputs[c], $"C on {target}, case {c}");
        if (run.InstructionsPerInference is long n) output.WriteLine($"{target}: {n:N0} instructions per inference");
    }

    [Fact]
    public void All_zero_input_is_quantized_with_scale_one_and_zero_point_zero_as_onnx_runtime_does()
    {
        var m = Model.Value;
        // Case 0 feeds zeros: (max - min) / 255 would be 0 and x / 0 NaN; ORT (and the current ONNX reference) use 1.
        Assert.Equal(1f, m.Ort[0]["dql_out1"].Floats[0]);
        Assert.Equal(0, m.Ort[0]["dql_out2"].UInt8s[0]);
        Assert.All(m.Ort[0]["dql_out0"].UInt8s, v => Assert.Equal(0, v));
        var ours = Evaluator.Run(m.Graph, m.Cases[0]);
        Assert.Equal(1f, ours["dql_out1"].Floats[0]);
        // Case 1 is all negative: the zero point sits at the top of the range.
        Assert.Equal(255, m.Ort[1]["dql_out2"].UInt8s[0]);
    }

    /// <summary>Per-row a parameters (which ORT refuses) against values worked out by hand from the definition.</summary>
    [Fact]
    public void Per_row_a_scales_and_zero_points_follow_the_definition()
    {
        var b = new GraphBuilder("per_row", opset: 13);
        var a = b.Input("a", DataType.UInt8, 2, 2);
        var inputs = new[]
        {
            a, b.Constant("as", Tensor.FromFloats(new[] { 2 }, new[] { 0.5f, 0.25f })),
            b.Constant("az", new Tensor(DataType.UInt8, new[] { 2 }, new byte[] { 10, 20 })),
            b.Constant("b", new Tensor(DataType.Int8, new[] { 2, 2 }, new sbyte[] { 1, -2, 3, 4 })),
            b.Constant("bs", Tensor.Scalar(1f)), b.Constant("bz", new Tensor(DataType.Int8, Array.Empty<int>(), new sbyte[] { 0 })),
            b.Constant("ys", Tensor.Scalar(2f)), b.Constant("yz", new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 100 })),
        };
        b.Output(b.OpNamed("q", "QLinearMatMul", inputs), DataType.UInt8);
        var x = new Dictionary<string, Tensor> { ["a"] = new Tensor(DataType.UInt8, new[] { 2, 2 }, new byte[] { 13, 11, 21, 30 }) };
        // Row 0: (3, 1) x b = (3*1 + 1*3, 3*-2 + 1*4) = (6, -2), scale 0.5 / 2 = 0.25: (1.5, -0.5) -> (2, -0) + 100.
        // Row 1: (1, 10) x b = (31, 38), scale 0.25 / 2 = 0.125: (3.875, 4.75) -> (4, 5) + 100.
        var expected = new byte[] { 102, 100, 104, 105 };
        Assert.Equal(expected, Evaluator.Run(b.Graph, x)["q_out"].UInt8s);
        var run = DenseRuns.Run(DenseRuns.Optimised(b.Graph), "host", new[] { (IReadOnlyDictionary<string, Tensor>)x });
        Assert.Equal(expected, run.Outputs[0]["q_out"].UInt8s);
    }
    /// <summary>
    /// What ORT cannot run, against the evaluator: per-row a parameters ([M, 1]) on a batched a whose
    /// rows are folded together (row r uses parameter r % M), with K = 3 (shorter than one DSP group).
    /// </summary>
    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void Per_row_parameters_of_a_batched_a_with_short_rows_match_the_evaluator(string target)
    {
        var b = new GraphBuilder("per_row_batched", opset: 13);
        var inputs = new[]
        {
            b.Input("a", DataType.UInt8, 2, 3, 3), b.Constant("as", Tensor.FromFloats(new[] { 3, 1 }, new[] { 0.02f, 0.05f, 0.03f })),
            b.Constant("az", ForeignOpsModel.Random8(DataType.UInt8, new[] { 3, 1 }, 1)),
            b.Constant("b", ForeignOpsModel.Random8(DataType.Int8, new[] { 3, 5 }, 2)),
            b.Constant("bs", Tensor.FromFloats(new[] { 5 }, new[] { 0.01f, 0.02f, 0.015f, 0.005f, 0.03f })),
            b.Constant("bz", ForeignOpsModel.Random8(DataType.Int8, new[] { 5 }, 3)),
            b.Constant("ys", Tensor.Scalar(0.5f)), b.Constant("yz", ForeignOpsModel.Random8(DataType.UInt8, Array.Empty<int>(), 4)),
        };
        b.Output(b.OpNamed("q", "QLinearMatMul", inputs), DataType.UInt8);
        var cases = Enumerable.Range(0, 3).Select(c => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
            { ["a"] = ForeignOpsModel.Random8(DataType.UInt8, new[] { 2, 3, 3 }, 10 + c) }).ToList();
        var run = DenseRuns.Run(DenseRuns.Optimised(b.Graph), target, cases);
        for (int c = 0; c < cases.Count; c++) ExactAssert.Equal(Evaluator.Run(b.Graph, cases[c]), run.Outputs[c], $"{target}, case {c}");
        Assert.True(cases.Select(c => Evaluator.Run(b.Graph, c)["q_out"].UInt8s).SelectMany(v => v).Distinct().Count() > 10, "the outputs hardly vary");
    }
}
