using EdgeToolkit.Graph.Ops.Common;

// Not "Ops.Math": a namespace named Math would hide System.Math in every EdgeToolkit.Graph.Ops.* file.
namespace EdgeToolkit.Graph.Ops.MathOps;

/// <summary>IsNaN and IsInf (detect_negative, detect_positive, both default 1): bool output.</summary>
public sealed class FloatClassificationOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new FloatTestOperator("IsNaN", _ => double.IsNaN),
        new FloatTestOperator("IsInf", n =>
        {
            bool neg = n.GetInt("detect_negative", 1) != 0, pos = n.GetInt("detect_positive", 1) != 0;
            return x => neg && double.IsNegativeInfinity(x) || pos && double.IsPositiveInfinity(x);
        }),
    };
}

internal sealed class FloatTestOperator : IOperator
{
    private readonly Func<Node, Func<double, bool>> _test;
    public string OpType { get; }

    public FloatTestOperator(string opType, Func<Node, Func<double, bool>> test) { OpType = opType; _test = test; }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Float);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Bool, ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var test = _test(ctx.Node);
        ctx.SetOutput(0, TensorValues.FromBools(x.Shape, Array.ConvertAll(TensorValues.ToDoubles(x), v => test(v))));
    }
}
