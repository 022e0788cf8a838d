using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// One QGemm as the kernel writers see it: Rows rows of K activations (int8, or int16 in the
/// 16x8 mode; Y has X's type) against N int8 weight rows (W [N, K], constant), the per-channel
/// constants and the output's zero point and clamp range.
/// </summary>
internal sealed record QGemmProblem(int Rows, int K, int N, sbyte[] Weights, int[] Bias, int[] Multiplier, int[] Shift,
    int ZeroPoint, int Min, int Max, DataType Type)
{
    public static QGemmProblem From(KernelContext ctx)
    {
        var w = ctx.Constant(1)!;
        int n = w.Shape[0], k = w.Shape[1];
        int rows = (int)(Tensor.ElementCountOf(ctx.InputShape(0)) / Math.Max(1, k));
        var type = ctx.InputType(0);
        var (lo, hi) = Range(type);
        return new QGemmProblem(rows, k, n, w.Int8s, ctx.Constant(2)!.Int32s, ctx.Constant(3)!.Int32s, ctx.Constant(4)!.Int32s,
            (int)ctx.Node.GetInt("output_zero_point", 0), (int)ctx.Node.GetInt("act_min", lo), (int)ctx.Node.GetInt("act_max", hi), type);
    }

    /// <summary>The activations' integer range.</summary>
    public static (int Min, int Max) Range(DataType type) => type == DataType.Int16 ? (short.MinValue, short.MaxValue) : (sbyte.MinValue, sbyte.MaxValue);

    public bool Wide => Type == DataType.Int16;
    public int QMin => Range(Type).Min;
    public int QMax => Range(Type).Max;
    public string CType => Type.CType();

    /// <summary>The PortableMath helper that saturates a stored value to the activation type.</summary>
    public string SaturateHelper => Wide ? "sat_s16" : "sat_s8";

    /// <summary>
    /// Output rows computed together (register blocking: one input load serves them all), at most
    /// maxWidth, balanced so the last block is not much narrower: (width, full blocks, tail width).
    /// </summary>
    public (int Width, int Full, int Tail) Blocks(int maxWidth)
    {
        int blocks = (N + maxWidth - 1) / maxWidth;
        int width = (N + blocks - 1) / blocks;
        return (width, N / width, N % width);
    }
}
