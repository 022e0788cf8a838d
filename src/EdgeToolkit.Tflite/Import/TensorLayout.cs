using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;

namespace EdgeToolkit.Tflite.Import;

/// <summary>
/// Where a 4-D tensor keeps its channels in the graph. TFLite is NHWC with OHWI conv weights; the
/// toolkit's Conv and pool kernels, its fusion rules and the QDQ lowering rules are ONNX's NCHW
/// with OIHW weights. The importer therefore runs convolution chains channels-first: weights are
/// permuted once at import (they are constants), and a Transpose is inserted only where a tensor
/// passes between a channels-first op and one whose meaning depends on the declared order
/// (RESHAPE, FULLY_CONNECTED's flattening, graph inputs and outputs). A chain of convs, pools,
/// elementwise ops and activations then has no Transpose at all, and the QDQ patterns around each
/// op are exactly the ones the lowering expects. Per-op NHWC wrappers would have put a Transpose
/// pair around every conv instead.
/// </summary>
internal enum TensorLayout
{
    /// <summary>The order the .tflite file declares (NHWC for images); any rank.</summary>
    AsDeclared,
    /// <summary>A 4-D NHWC tensor held as NCHW.</summary>
    ChannelsFirst,
}

internal static class Layouts
{
    /// <summary>Axis i of the channels-first value is axis NhwcToNchw[i] of the declared NHWC one (also OHWI to OIHW).</summary>
    public static readonly int[] NhwcToNchw = { 0, 3, 1, 2 };
    public static readonly int[] NchwToNhwc = { 0, 2, 3, 1 };

    /// <summary>The Transpose perm taking a 4-D value held in one layout to the other.</summary>
    public static int[] Permutation(TensorLayout from, TensorLayout to) =>
        from == to ? throw new ArgumentException("no transpose between equal layouts") : to == TensorLayout.ChannelsFirst ? NhwcToNchw : NchwToNhwc;

    /// <summary>Where declared axis `axis` (already non-negative) sits in a value held in `layout`.</summary>
    public static int Axis(int axis, TensorLayout layout) =>
        layout == TensorLayout.ChannelsFirst ? Array.IndexOf(NhwcToNchw, axis) : axis;

    /// <summary>A constant transposed by `perm` (output axis i is input axis perm[i]), computed by the reference Transpose.</summary>
    public static Tensor Transpose(Tensor t, int[] perm)
    {
        var node = new Node("permute", "Transpose", new[] { "x" }, new[] { "y" }).With(NodeAttribute.Of("perm", perm.Select(p => (long)p).ToArray()));
        return Evaluator.RunNode(new ModelGraph(), node, new Dictionary<string, Tensor> { ["x"] = t })[0]!;
    }
}
