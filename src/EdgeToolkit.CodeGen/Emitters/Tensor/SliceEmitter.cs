using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// Slice with constant starts/ends/axes/steps (inputs from opset 10, attributes before):
/// negative values count from the end, out-of-range values clamp, negative steps walk backwards.
/// </summary>
public sealed class SliceEmitter : IKernelEmitter
{
    public string OpType => "Slice";

    public string? CheckSupported(KernelContext ctx)
    {
        for (int i = 1; i <= 4; i++)
            if (ctx.HasInput(i) && ctx.Constant(i) == null) return "Slice starts, ends, axes and steps must be constants";
        return DataMovement.CheckType(ctx, ctx.InputType(0));
    }

    private static long[]? Ints(KernelContext ctx, int input, string attribute) =>
        ctx.HasInput(input) ? ctx.Constant(input)!.ToInt64Array() : ctx.Node.GetInts(attribute);

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var starts = Ints(ctx, 1, "starts") ?? throw new InvalidOperationException("Slice needs starts");
        var ends = Ints(ctx, 2, "ends") ?? throw new InvalidOperationException("Slice needs ends");
        var axes = Ints(ctx, 3, "axes") ?? Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        var steps = Ints(ctx, 4, "steps") ?? Enumerable.Repeat(1L, starts.Length).ToArray();
        var inStrides = StridedCopy.Contiguous(x);
        var dims = (int[])x.Clone();
        var strides = (long[])inStrides.Clone();
        long inBase = 0;
        for (int i = 0; i < starts.Length; i++)
        {
            int a = DataMovement.Axis(axes[i], x.Length);
            var (first, count) = Resolve(starts[i], ends[i], steps[i], x[a]);
            dims[a] = (int)count;
            strides[a] = inStrides[a] * steps[i];
            inBase += first * inStrides[a];
        }
        DataMovement.Header(ctx, $"starts [{string.Join(",", starts)}] ends [{string.Join(",", ends)}] axes [{string.Join(",", axes)}] steps [{string.Join(",", steps)}]");
        DataMovement.Pointers(ctx);
        new StridedCopy(dims, strides, inBase, StridedCopy.Contiguous(dims), 0).Write(ctx.Code);
    }

    /// <summary>First index and element count on a dim of size n, per the ONNX clamping rules.</summary>
    internal static (long First, long Count) Resolve(long start, long end, long step, long n)
    {
        if (step == 0) throw new ArgumentException("Slice step cannot be 0");
        if (n == 0) return (0, 0);
        long s = start < 0 ? start + n : start, e = end < 0 ? end + n : end;
        if (step > 0) { s = Math.Clamp(s, 0, n); e = Math.Clamp(e, 0, n); }
        else { s = Math.Clamp(s, 0, n - 1); e = Math.Clamp(e, -1, n - 1); }
        long span = e - s;
        long count = step > 0 ? (span + step - 1) / step : (span + step + 1) / step;
        return (s, Math.Max(0, count));
    }
}
