namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// ReverseSequence: for each batch entry b (batch_axis, default 1), reverses the first
/// sequence_lens[b] elements along time_axis (default 0) and leaves the rest in place.
/// </summary>
public sealed class ReverseSequenceOp : IOperator
{
    public string OpType => "ReverseSequence";

    public string? CheckSupported(ShapeContext ctx)
    {
        long batch = ctx.Node.GetInt("batch_axis", 1), time = ctx.Node.GetInt("time_axis", 0);
        return batch is 0 or 1 && time is 0 or 1 && batch != time ? null : "ReverseSequence needs batch_axis and time_axis to be 0 and 1";
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var lens = ctx.Input(1).ToInt64Array();
        int batchAxis = (int)ctx.Node.GetInt("batch_axis", 1), timeAxis = (int)ctx.Node.GetInt("time_axis", 0);
        var strides = Tensor.Strides(x.Shape);
        int steps = x.Shape[timeAxis];
        var source = new int[x.Length];
        for (int i = 0; i < source.Length; i++)
        {
            int b = i / strides[batchAxis] % x.Shape[batchAxis], t = i / strides[timeAxis] % steps;
            long len = Math.Clamp(lens[b], 0, steps);
            source[i] = t < len ? i + (int)(len - 1 - 2 * t) * strides[timeAxis] : i;
        }
        ctx.SetOutput(0, new Tensor(x.Type, x.Shape, ElementGather.Take(x.Data, source)));
    }
}
