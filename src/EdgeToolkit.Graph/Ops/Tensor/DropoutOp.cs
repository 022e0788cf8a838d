namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Dropout in inference: the output is the input and the optional mask is all "kept". The mask is
/// of the input's type before opset 10 and bool from 10 on. Training mode (is_test=0 before opset 7,
/// a true training_mode input from 12) would need random numbers and is refused, unless the ratio
/// is 0, where training mode drops nothing either.
/// </summary>
public sealed class DropoutOp : IOperator
{
    public string OpType => "Dropout";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.Opset < 7 && ctx.Node.GetInt("is_test", 0) == 0 && ctx.Node.Outputs.Count > 1 && ctx.Node.Outputs[1].Length > 0)
            return "Dropout with is_test=0 (training) is not supported; the mask would be random";
        if (ctx.HasInput(2))
        {
            var mode = ctx.ConstantInput(2);
            if (mode != null && mode.Length > 0 && mode.GetInt64(0) != 0 && !ZeroRatio(ctx.ConstantInput(1)))
                return "Dropout with training_mode=true is not supported; export the model in eval mode";
        }
        return null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        ctx.SetOutput(0, x.Type, x.Shape);
        ctx.SetOutput(1, MaskType(ctx.Opset, x.Type), x.Shape);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        if (ctx.HasInput(2) && ctx.Input(2).GetInt64(0) != 0 && !ZeroRatio(ctx.OptionalInput(1)))
            throw new EdgeToolkitException(ErrorKind.BadInput, "training_mode=true with a nonzero ratio is not supported: dropout would be random",
                node: ctx.Node.Name, op: ctx.Node.OpType, hint: "export the model in eval mode") { Unsupported = true };
        ctx.SetOutput(0, x);
        if (ctx.Outputs.Length > 1)
        {
            var type = MaskType(ctx.Opset, x.Type);
            ctx.SetOutput(1, new Tensor(type, x.Shape, ElementGather.Filled(type, x.Length, 1)));
        }
    }

    /// <summary>The ratio input (default 0.5 when absent) is exactly 0.</summary>
    private static bool ZeroRatio(Tensor? ratio) => ratio != null && ratio.Length == 1 && ratio.GetDouble(0) == 0;

    private static DataType MaskType(int opset, DataType input) => opset >= 10 ? DataType.Bool : input;
}
