using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// GatherElements: output has the indices' shape; each element is data at its own position with
/// the coordinate on axis replaced by the index there (negative indices count from the end).
/// </summary>
public sealed class GatherElementsOp : IOperator
{
    public string OpType => "GatherElements";

    public string? CheckSupported(ShapeContext ctx) =>
        OpArguments.IsIndexType(ctx.InputType(1)) ? null : $"GatherElements indices must be int32 or int64, not {ctx.InputType(1).OnnxName()}";

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(1));

    public void Evaluate(EvalContext ctx)
    {
        var data = ctx.Input(0);
        var indices = ctx.Input(1);
        if (indices.Rank != data.Rank) throw ctx.Error($"indices {indices} must have the rank of data {data}");
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), data.Rank);
        var source = IndexTables.ElementSources(data.Shape, indices, axis, ctx);
        ctx.SetOutput(0, new Tensor(data.Type, indices.Shape, ElementGather.Take(data.Data, source)));
    }
}

/// <summary>Index arithmetic shared by the gather and scatter ops.</summary>
internal static class IndexTables
{
    /// <summary>
    /// For every element of indices (same rank as data), the flat index into data it designates:
    /// its own coordinates with the one on axis replaced by the index value.
    /// </summary>
    public static int[] ElementSources(int[] dataShape, Tensor indices, int axis, EvalContext ctx)
    {
        var strides = Tensor.Strides(dataShape);
        var coord = new int[indices.Rank];
        var result = new int[indices.Length];
        int axisLen = dataShape[axis];
        for (int i = 0; i < result.Length; i++)
        {
            long k = indices.GetInt64(i);
            if (k < -axisLen || k >= axisLen) throw ctx.Error($"index {k} is out of range for axis {axis} of size {axisLen}");
            int at = 0;
            for (int a = 0; a < coord.Length; a++)
            {
                if (a != axis && coord[a] >= dataShape[a]) throw ctx.Error($"indices shape exceeds data shape on axis {a}");
                at += (a == axis ? (int)(k < 0 ? k + axisLen : k) : coord[a]) * strides[a];
            }
            result[i] = at;
            for (int a = coord.Length - 1; a >= 0; a--) { if (++coord[a] < indices.Shape[a]) break; coord[a] = 0; }
        }
        return result;
    }

    /// <summary>
    /// For GatherND/ScatterND with batch_dims b: the flat start in data of the slice each index
    /// tuple (the last axis of indices) selects, and the slice length.
    /// </summary>
    public static (int[] Starts, int SliceLength) TupleStarts(int[] dataShape, Tensor indices, int batchDims, EvalContext ctx)
    {
        int k = indices.Shape[^1];
        if (batchDims + k > dataShape.Length) throw ctx.Error($"index tuples of length {k} exceed the data rank {dataShape.Length}");
        var strides = Tensor.Strides(dataShape);
        int tuples = indices.Length / Math.Max(k, 1);
        if (k == 0) tuples = (int)Tensor.ElementCountOf(indices.Shape[..^1]);
        int batchCount = (int)Tensor.ElementCountOf(dataShape[..batchDims]);
        int perBatch = batchCount == 0 ? 0 : tuples / batchCount;
        int batchStride = (int)Tensor.ElementCountOf(dataShape[batchDims..]);
        var starts = new int[tuples];
        for (int t = 0; t < tuples; t++)
        {
            int at = perBatch == 0 ? 0 : t / perBatch * batchStride;
            for (int j = 0; j < k; j++)
            {
                int axis = batchDims + j, len = dataShape[axis];
                long v = indices.GetInt64(t * k + j);
                if (v < -len || v >= len) throw ctx.Error($"index {v} is out of range for axis {axis} of size {len}");
                at += (int)(v < 0 ? v + len : v) * strides[axis];
            }
            starts[t] = at;
        }
        return (starts, (int)Tensor.ElementCountOf(dataShape[(batchDims + k)..]));
    }
}
