using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// TFLite's SAME/VALID padding as ONNX's explicit pads [top, left, bottom, right]. SAME pads the
/// total needed for ceil(in / stride) outputs, the odd element at the end (TFLite's
/// ComputePaddingHeightWidth); shapes are static, so explicit pads replace auto_pad.
/// </summary>
internal static class WindowPads
{
    public static long[] Compute(OperatorContext op, int[] inputNhwc, int kernelH, int kernelW, int strideH, int strideW,
        int dilationH, int dilationW, Padding padding)
    {
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1)
            throw op.Malformed($"has stride {strideH}x{strideW} and dilation {dilationH}x{dilationW}; both must be at least 1");
        var (top, bottom) = Along(inputNhwc[1], kernelH, strideH, dilationH, padding);
        var (left, right) = Along(inputNhwc[2], kernelW, strideW, dilationW, padding);
        return new long[] { top, left, bottom, right };
    }

    private static (int Before, int After) Along(int size, int kernel, int stride, int dilation, Padding padding)
    {
        if (padding != Padding.Same) return (0, 0);
        int effective = (kernel - 1) * dilation + 1;
        int outputs = (size + stride - 1) / stride;
        int total = Math.Max((outputs - 1) * stride + effective - size, 0);
        return (total / 2, total - total / 2);
    }

    public static NodeAttribute[] WindowAttributes(int kernelH, int kernelW, int strideH, int strideW, long[] pads) => new[]
    {
        NodeAttribute.Of("kernel_shape", new long[] { kernelH, kernelW }),
        NodeAttribute.Of("strides", new long[] { strideH, strideW }),
        NodeAttribute.Of("pads", pads),
    };
}
