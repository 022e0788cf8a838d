namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>Transpose with any permutation: output axis k walks input axis perm[k]'s stride.</summary>
public sealed class TransposeEmitter : IKernelEmitter
{
    public string OpType => "Transpose";

    public string? CheckSupported(KernelContext ctx) => DataMovement.CheckType(ctx, ctx.InputType(0));

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var perm = ctx.Node.GetInts("perm")?.Select(p => DataMovement.Axis(p, x.Length)).ToArray()
            ?? Enumerable.Range(0, x.Length).Reverse().ToArray();
        var inStrides = StridedCopy.Contiguous(x);
        var y = perm.Select(p => x[p]).ToArray();
        DataMovement.Header(ctx, $"perm [{string.Join(",", perm)}]");
        DataMovement.Pointers(ctx);
        new StridedCopy(y, perm.Select(p => inStrides[p]).ToArray(), 0, StridedCopy.Contiguous(y), 0).Write(ctx.Code);
    }
}
