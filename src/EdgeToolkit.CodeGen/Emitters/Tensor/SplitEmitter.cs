using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>Split: each output is a slab of the input along the axis (sizes read from the output shapes).</summary>
public sealed class SplitEmitter : IKernelEmitter
{
    public string OpType => "Split";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.Node.Outputs.Any(o => o.Length == 0) ? "Split with an omitted output" : DataMovement.CheckType(ctx, ctx.InputType(0));

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
        var inStrides = StridedCopy.Contiguous(x);
        string t = ctx.InputType(0).CType();
        DataMovement.Header(ctx, $"axis {axis}");
        ctx.Code.Line($"const {t} *x = {ctx.In(0)};");
        ctx.Code.Line("(void)x; /* unread when every output is empty */");
        long at = 0;
        for (int i = 0; i < ctx.Node.Outputs.Count; i++)
        {
            var y = ctx.OutputShape(i);
            using (ctx.Code.Block($"/* output {i} from {at} along the axis */"))
            {
                ctx.Code.Line($"{t} *y = {ctx.Out(i)};");
                if (Tensor.ElementCountOf(y) == 0) { ctx.Code.Line("(void)y; /* empty output */"); continue; }
                new StridedCopy(y, inStrides, at * inStrides[axis], StridedCopy.Contiguous(y), 0).Write(ctx.Code);
            }
            at += y[axis];
        }
    }
}
