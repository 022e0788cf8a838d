using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Reduce;

/// <summary>
/// TopK: the k largest (or, with largest=0, smallest) elements along axis (default -1), with their
/// int64 indices. k is an attribute before opset 10 and a 1-element input from then on. Equal
/// values keep the lower index first, as the spec requires; sorted=0 still returns sorted order,
/// which the spec allows.
/// </summary>
public sealed class TopKOperator : IOperator
{
    public string OpType => "TopK";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, TypeSupport.Numeric)
        ?? (ctx.Opset >= 10 ? TypeSupport.Require(ctx, 1, new[] { DataType.Int64 }, "K") : null);

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        if (!x.HasRank)
        {
            ctx.SetOutput(0, ctx.InputType(0), SymShape.UnknownRank);
            ctx.SetOutput(1, DataType.Int64, SymShape.UnknownRank);
            return;
        }
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", -1), x.Rank);
        long? k = ctx.Opset < 10 ? ctx.Node.GetInt("k", -1) : ctx.ConstantInput(1) is { } kt ? TensorValues.ScalarLong(kt) : null;
        if (k is < 0) throw ctx.Error($"TopK's k must be non-negative, got {k}");
        if (k is { } kv && x[axis].IsKnown && kv > x[axis].Value) throw ctx.Error($"TopK's k={kv} exceeds the axis size {x[axis].Value}");
        var dims = x.Dims!.ToArray();
        dims[axis] = k is { } known ? Dim.Of(known) : Dim.Unknown;
        ctx.SetOutput(0, ctx.InputType(0), new SymShape(dims));
        ctx.SetOutput(1, DataType.Int64, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", -1), x.Rank);
        long kLong = ctx.Opset < 10 ? ctx.Node.GetInt("k", -1) : TensorValues.ScalarLong(ctx.Input(1));
        int length = x.Shape[axis];
        if (kLong < 0 || kLong > length) throw ctx.Error($"TopK's k={kLong} is outside [0, {length}]");
        int k = (int)kLong;
        bool largest = ctx.Node.GetInt("largest", 1) != 0;
        int outer = Axes.Product(x.Shape, 0, axis), inner = Axes.Product(x.Shape, axis + 1, x.Rank);
        var shape = (int[])x.Shape.Clone();
        shape[axis] = k;
        var picked = new int[outer * k * inner];
        var indices = new long[picked.Length];
        var v = TensorValues.ToDoubles(x);
        var order = new int[length];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * length * inner + i;
                for (int j = 0; j < length; j++) order[j] = j;
                // Stable order: by value (descending for largest), then by index.
                Array.Sort(order, (p, q) =>
                {
                    int c = v[start + p * inner].CompareTo(v[start + q * inner]);
                    return c != 0 ? (largest ? -c : c) : p.CompareTo(q);
                });
                for (int j = 0; j < k; j++)
                {
                    int dst = (o * k + j) * inner + i;
                    picked[dst] = start + order[j] * inner;
                    indices[dst] = order[j];
                }
            }
        var values = Array.CreateInstance(Tensor.ElementClrType(x.Type), picked.Length);
        for (int j = 0; j < picked.Length; j++) Array.Copy(x.Data, picked[j], values, j, 1);
        ctx.SetOutput(0, new Tensor(x.Type, shape, values));
        ctx.SetOutput(1, Tensor.FromInt64s(shape, indices));
    }
}
