using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>GlobalAveragePool and GlobalMaxPool: one value per (N, C) plane; spatial dims become 1.</summary>
public sealed class GlobalPoolOps : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new GlobalPool("GlobalAveragePool", plane => plane.Average()),
        new GlobalPool("GlobalMaxPool", plane => plane.Max()),
    };

    private sealed class GlobalPool(string opType, Func<IEnumerable<double>, double> reduce) : IOperator
    {
        public string OpType => opType;

        public string? CheckSupported(ShapeContext ctx)
        {
            var x = ctx.InputShape(0);
            if (x.HasRank && x.Rank < 3) return $"{opType} needs X of rank 3 or more (N, C, spatial...)";
            return TypeSupport.Require(ctx, 0, TypeSupport.Float, "X");
        }

        public void InferShapes(ShapeContext ctx)
        {
            var x = ctx.Input(0);
            ctx.SetOutput(0, x.Type, x.Shape.HasRank
                ? new SymShape(new[] { x.Shape[0], x.Shape[1] }.Concat(Enumerable.Repeat(Dim.Of(1), x.Shape.Rank - 2)))
                : SymShape.UnknownRank);
        }

        public void Evaluate(EvalContext ctx)
        {
            var x = ctx.Input(0);
            int planes = x.Shape[0] * x.Shape[1], size = x.Length / Math.Max(planes, 1);
            var xs = x.Floats;
            var y = new float[planes];
            for (int p = 0; p < planes; p++)
                y[p] = (float)reduce(Enumerable.Range(p * size, size).Select(i => (double)xs[i]));
            var shape = new[] { x.Shape[0], x.Shape[1] }.Concat(Enumerable.Repeat(1, x.Rank - 2)).ToArray();
            ctx.SetOutput(0, new Tensor(x.Type, shape, y));
        }
    }
}
