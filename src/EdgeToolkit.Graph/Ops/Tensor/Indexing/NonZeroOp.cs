using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>NonZero: int64 [rank, count] of the coordinates of the non-zero elements, in row-major order.</summary>
public sealed class NonZeroOp : IOperator
{
    public string OpType => "NonZero";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.NumericOrBool, "X");

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        ctx.SetOutput(0, DataType.Int64, new SymShape(new[] { x.HasRank ? Dim.Of(x.Rank) : Dim.Unknown, Dim.Unknown }));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var values = TensorValues.ToDoubles(x);
        var hits = Enumerable.Range(0, values.Length).Where(i => values[i] != 0).ToArray();
        var strides = Tensor.Strides(x.Shape);
        var result = new long[x.Rank * hits.Length];
        for (int a = 0; a < x.Rank; a++)
            for (int h = 0; h < hits.Length; h++)
                result[a * hits.Length + h] = hits[h] / strides[a] % x.Shape[a];
        ctx.SetOutput(0, Tensor.FromInt64s(new[] { x.Rank, hits.Length }, result));
    }
}
