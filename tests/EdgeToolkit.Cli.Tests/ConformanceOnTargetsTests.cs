using EdgeToolkit.Cli.Pipeline;
using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// A chosen subset of the ONNX node cases, one or two per operator family, through generated C on
/// the emulated Cortex-M4 and on AArch64 (qemu-user): the same reference outputs must hold there.
/// </summary>
public class ConformanceOnTargetsTests(ITestOutputHelper output)
{
    public static readonly string[] Subset =
    {
        "test_gemm_default_matrix_bias", "test_gemm_transposeB", "test_matmul_3d", "test_relu", "test_leakyrelu", "test_tanh",
        "test_sigmoid", "test_hardsigmoid", "test_clip", "test_erf", "test_exp", "test_log", "test_sqrt", "test_pow", "test_neg",
        "test_add_bcast", "test_sub", "test_mul_bcast", "test_div", "test_max_example", "test_min_example",
        "test_softmax_axis_1", "test_layer_normalization_2d_axis0", "test_conv_with_strides_padding", "test_basic_conv_with_padding",
        "test_maxpool_2d_pads", "test_averagepool_2d_pads", "test_globalaveragepool", "test_batchnorm_example", "test_flatten_axis1",
        "test_reshape_reordered_all_dims", "test_transpose_all_permutations_1", "test_concat_2d_axis_0", "test_split_equal_parts_1d",
        "test_slice", "test_squeeze", "test_unsqueeze_axis_0", "test_gather_0", "test_constant_pad", "test_reduce_mean_default_axes_keepdims_example",
        "test_reduce_max_default_axes_keepdim_example", "test_cast_FLOAT_to_INT32" ,
    };

    [Theory]
    [InlineData("cortex-m4")]
    [InlineData("aarch64")]
    public void Subset_passes_on_target(string target)
    {
        var dirs = Subset.Select(s => Path.Combine(ConformanceRunner.DataRoot, "node", s)).Where(Directory.Exists).ToList();
        if (dirs.Count == 0) { output.WriteLine("SKIPPED: libonnx-testdata is not installed"); return; }
        var results = dirs.AsParallel().WithDegreeOfParallelism(2)
            .Select(d => ConformanceRunner.Run(d, (g, ins) => HostCRunner.Run(g, ins, target))).ToList();
        foreach (var r in results) output.WriteLine($"{r.Case}: evaluator {r.Evaluator}, C {r.C} {r.Reason}");
        var failed = results.Where(r => r.Evaluator == CaseStatus.Failed || r.C == CaseStatus.Failed).Select(r => $"{r.Case}: {r.Reason}").ToList();
        Assert.Empty(failed);
        Assert.True(results.Count(r => r.C == CaseStatus.Passed) >= dirs.Count * 3 / 4,
            $"only {results.Count(r => r.C == CaseStatus.Passed)} of {dirs.Count} ran in C on {target}");
    }
}
