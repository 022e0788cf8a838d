using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>Concat: each input is copied into its slab of the output along the axis.</summary>
public sealed class ConcatEmitter : IKernelEmitter
{
    public string OpType => "Concat";

    public string? CheckSupported(KernelContext ctx) => DataMovement.CheckType(ctx, ctx.OutputType(0));

    public void Emit(KernelContext ctx)
    {
        var y = ctx.OutputShape(0);
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), y.Length);
        var outStrides = StridedCopy.Contiguous(y);
        string t = ctx.OutputType(0).CType();
        DataMovement.Header(ctx, $"axis {axis}");
        ctx.Code.Line($"{t} *y = {ctx.Out(0)};");
        long at = 0;
        for (int i = 0; i < ctx.Node.Inputs.Count; i++)
        {
            if (!ctx.HasInput(i)) continue;
            var x = ctx.InputShape(i);
            using (ctx.Code.Block($"/* input {i} at {at} along the axis */"))
            {
                ctx.Code.Line($"const {t} *x = {ctx.In(i)};");
                new StridedCopy(x, StridedCopy.Contiguous(x), 0, outStrides, at * outStrides[axis]).Write(ctx.Code);
            }
            at += x[axis];
        }
    }
}
