namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>Expand: numpy-style broadcast of the input to the output shape (repeated axes read with stride 0).</summary>
public sealed class ExpandEmitter : IKernelEmitter
{
    public string OpType => "Expand";

    public string? CheckSupported(KernelContext ctx) => DataMovement.CheckType(ctx, ctx.InputType(0));

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var y = ctx.OutputShape(0);
        var xStrides = StridedCopy.Contiguous(x);
        // Align x's axes to the right of y's; an axis of size 1 (or missing) repeats.
        var strides = new long[y.Length];
        for (int k = 0; k < y.Length; k++)
        {
            int xa = k - (y.Length - x.Length);
            strides[k] = xa < 0 || x[xa] == 1 ? 0 : xStrides[xa];
        }
        DataMovement.Header(ctx);
        DataMovement.Pointers(ctx);
        new StridedCopy(y, strides, 0, StridedCopy.Contiguous(y), 0).Write(ctx.Code);
    }
}
