using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// edgetk.QGlobalAveragePool (Ops/Quantized/README.md): per (N, C) plane the int32 sum of
/// X - input_zero_point, scaled by output_multiplier/shift (sx / (sy * count)), offset and
/// saturated to int8. Spatial dims become 1.
/// </summary>
public sealed class QGlobalAveragePoolOp : IOperator
{
    public string OpType => "QGlobalAveragePool";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputType(0) != DataType.Int8) return "QGlobalAveragePool input must be int8";
        return ctx.InputShape(0) is { HasRank: true } x && x.Rank < 3 ? "QGlobalAveragePool needs X of rank 3 or more (N, C, spatial...)" : null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        ctx.SetOutput(0, DataType.Int8, x.HasRank
            ? new SymShape(new[] { x[0], x[1] }.Concat(Enumerable.Repeat(Dim.Of(1), x.Rank - 2)))
            : SymShape.UnknownRank);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int zx = (int)ctx.Node.GetInt("input_zero_point", 0), zy = (int)ctx.Node.GetInt("output_zero_point", 0);
        int om = (int)ctx.Node.GetInt("output_multiplier", 0), osh = (int)ctx.Node.GetInt("output_shift", 0);
        int planes = x.Shape[0] * x.Shape[1], size = x.Length / Math.Max(planes, 1);
        var xs = x.Int8s;
        var y = new sbyte[planes];
        for (int p = 0; p < planes; p++)
        {
            int sum = 0;
            for (int i = 0; i < size; i++) sum += xs[p * size + i] - zx;
            y[p] = (sbyte)FixedPoint.Requantize(sum, om, osh, zy, -128, 127);
        }
        ctx.SetOutput(0, new Tensor(DataType.Int8, new[] { x.Shape[0], x.Shape[1] }.Concat(Enumerable.Repeat(1, x.Rank - 2)).ToArray(), y));
    }
}
