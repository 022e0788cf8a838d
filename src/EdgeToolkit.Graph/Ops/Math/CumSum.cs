using EdgeToolkit.Graph.Ops.Common;

// Not "Ops.Math": a namespace named Math would hide System.Math in every EdgeToolkit.Graph.Ops.* file.
namespace EdgeToolkit.Graph.Ops.MathOps;

/// <summary>
/// CumSum (opset 11): running sum along the axis given as a scalar input; exclusive=1 leaves out
/// the current element, reverse=1 sums from the end. Float sums accumulate in double.
/// </summary>
public sealed class CumSumOperator : IOperator
{
    public string OpType => "CumSum";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, TypeSupport.Numeric) ?? TypeSupport.Require(ctx, 1, new[] { DataType.Int32, DataType.Int64 }, "axis");

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var axisTensor = ctx.Input(1);
        if (axisTensor.Length != 1) throw ctx.Error($"CumSum's axis must hold one value, got {axisTensor.Length}");
        int axis = Axes.Normalize(TensorValues.ScalarLong(axisTensor), x.Rank);
        bool exclusive = ctx.Node.GetInt("exclusive", 0) != 0, reverse = ctx.Node.GetInt("reverse", 0) != 0;
        int outer = Axes.Product(x.Shape, 0, axis), length = x.Shape[axis], inner = Axes.Product(x.Shape, axis + 1, x.Rank);
        if (x.Type.IsFloat())
        {
            double[] v = TensorValues.ToDoubles(x), r = new double[v.Length];
            Scan(outer, length, inner, reverse, (j, prev) => { double s = prev + v[j]; r[j] = exclusive ? prev : s; return s; }, 0.0);
            ctx.SetOutput(0, TensorValues.FromDoubles(x.Type, x.Shape, r));
        }
        else
        {
            long[] v = TensorValues.ToLongs(x), r = new long[v.Length];
            Scan(outer, length, inner, reverse, (j, prev) => { long s = unchecked(prev + v[j]); r[j] = exclusive ? prev : s; return s; }, 0L);
            ctx.SetOutput(0, TensorValues.FromLongs(x.Type, x.Shape, r));
        }
    }

    /// <summary>Walks each line along the axis in order (or reverse), threading the running sum.</summary>
    private static void Scan<TAcc>(int outer, int length, int inner, bool reverse, Func<int, TAcc, TAcc> step, TAcc zero)
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                var acc = zero;
                for (int k = 0; k < length; k++)
                {
                    int pos = reverse ? length - 1 - k : k;
                    acc = step((o * length + pos) * inner + i, acc);
                }
            }
    }
}
