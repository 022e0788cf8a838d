using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Activation;

/// <summary>
/// Softmax, LogSoftmax and Hardmax over rows given by SoftmaxGeometry (coerced 2-D before opset
/// 13, one axis from 13). Computed in double with the row maximum subtracted first.
/// </summary>
public sealed class SoftmaxOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new SoftmaxOperator("Softmax", SoftmaxKind.Softmax),
        new SoftmaxOperator("LogSoftmax", SoftmaxKind.LogSoftmax),
        new SoftmaxOperator("Hardmax", SoftmaxKind.Hardmax),
    };
}

internal enum SoftmaxKind { Softmax, LogSoftmax, Hardmax }

internal sealed class SoftmaxOperator : IOperator
{
    private readonly SoftmaxKind _kind;
    public string OpType { get; }

    public SoftmaxOperator(string opType, SoftmaxKind kind) { OpType = opType; _kind = kind; }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Float);

    public void InferShapes(ShapeContext ctx)
    {
        var shape = ctx.InputShape(0);
        if (shape.HasRank) Axes.Normalize(SoftmaxGeometry.Axis(ctx.Node, ctx.Opset), shape.Rank);
        ctx.SetOutput(0, ctx.InputType(0), shape);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var (outer, length, inner) = SoftmaxGeometry.Of(ctx.Node, ctx.Opset, x.Shape);
        var v = TensorValues.ToDoubles(x);
        var r = new double[v.Length];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                Row(v, r, o * length * inner + i, length, inner);
        ctx.SetOutput(0, TensorValues.FromDoubles(x.Type, x.Shape, r));
    }

    private void Row(double[] v, double[] r, int start, int length, int stride)
    {
        if (length == 0) return;
        double max = double.NegativeInfinity;
        int argmax = start;
        for (int k = 0; k < length; k++)
        {
            double e = v[start + k * stride];
            if (e > max) { max = e; argmax = start + k * stride; }
        }
        if (_kind == SoftmaxKind.Hardmax)
        {
            r[argmax] = 1; // the first maximum wins; the rest stay 0
            return;
        }
        double sum = 0;
        for (int k = 0; k < length; k++) sum += Math.Exp(v[start + k * stride] - max);
        double logSum = Math.Log(sum);
        for (int k = 0; k < length; k++)
        {
            int j = start + k * stride;
            r[j] = _kind == SoftmaxKind.LogSoftmax ? v[j] - max - logSum : Math.Exp(v[j] - max) / sum;
        }
    }
}
