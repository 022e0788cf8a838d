namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// Tile: output axis a of size r*d is viewed as two axes (r repeats with stride 0, d elements
/// with the input's stride), so it is one strided copy.
/// </summary>
public sealed class TileEmitter : IKernelEmitter
{
    public string OpType => "Tile";

    public string? CheckSupported(KernelContext ctx) => DataMovement.CheckType(ctx, ctx.InputType(0));

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var y = ctx.OutputShape(0);
        var xStrides = StridedCopy.Contiguous(x);
        var yStrides = StridedCopy.Contiguous(y);
        var dims = new List<int>();
        var inStrides = new List<long>();
        var outStrides = new List<long>();
        for (int a = 0; a < x.Length; a++)
        {
            int repeats = x[a] == 0 ? 0 : y[a] / x[a];
            dims.Add(repeats); inStrides.Add(0); outStrides.Add(yStrides[a] * x[a]);
            dims.Add(x[a]); inStrides.Add(xStrides[a]); outStrides.Add(yStrides[a]);
        }
        DataMovement.Header(ctx);
        DataMovement.Pointers(ctx);
        new StridedCopy(dims.ToArray(), inStrides.ToArray(), 0, outStrides.ToArray(), 0).Write(ctx.Code);
    }
}
