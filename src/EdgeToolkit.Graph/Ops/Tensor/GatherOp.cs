using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Gather along an axis: output = data[:axis] + indices.shape + data[axis+1:]. Negative indices
/// count from the end of the axis.
/// </summary>
public sealed class GatherOp : IOperator
{
    public string OpType => "Gather";

    public string? CheckSupported(ShapeContext ctx) =>
        OpArguments.IsIndexType(ctx.InputType(1)) ? null : $"Gather indices must be int32 or int64, not {ctx.InputType(1).OnnxName()}";

    public void InferShapes(ShapeContext ctx)
    {
        var data = ctx.Input(0);
        var idx = ctx.InputShape(1);
        if (!data.Shape.HasRank || !idx.HasRank) { ctx.SetOutput(0, data.Type, SymShape.UnknownRank); return; }
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), data.Shape.Rank);
        var d = data.Shape.Dims!;
        ctx.SetOutput(0, data.Type, new SymShape(d.Take(axis).Concat(idx.Dims!).Concat(d.Skip(axis + 1))));
    }

    public void Evaluate(EvalContext ctx)
    {
        var data = ctx.Input(0);
        var indices = ctx.Input(1);
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), data.Rank);
        int axisLen = data.Shape[axis];
        int outer = (int)Tensor.ElementCountOf(data.Shape[..axis]);
        int inner = (int)Tensor.ElementCountOf(data.Shape[(axis + 1)..]);
        var shape = data.Shape[..axis].Concat(indices.Shape).Concat(data.Shape[(axis + 1)..]).ToArray();
        var result = ElementGather.NewArray(data.Type, Tensor.ElementCountOf(shape));
        int n = indices.Length;
        for (int j = 0; j < n; j++)
        {
            long k = indices.GetInt64(j);
            if (k < -axisLen || k >= axisLen) throw ctx.Error($"index {k} is out of range for axis {axis} of size {axisLen}");
            if (k < 0) k += axisLen;
            for (int o = 0; o < outer; o++)
                Array.Copy(data.Data, (o * axisLen + (int)k) * inner, result, (o * n + j) * inner, inner);
        }
        ctx.SetOutput(0, new Tensor(data.Type, shape, result));
    }
}
