using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>What QAdd and QMul share: int8 operands, numpy broadcasting, int8 result.</summary>
internal static class QuantizedBinary
{
    public static string? Check(ShapeContext ctx) =>
        ctx.InputType(0) != DataType.Int8 || ctx.InputType(1) != DataType.Int8 ? $"{ctx.Node.OpType} inputs must be int8" : null;

    public static void InferShapes(ShapeContext ctx)
    {
        try { ctx.SetOutput(0, DataType.Int8, Broadcasting.Shapes(ctx.InputShape(0), ctx.InputShape(1))); }
        catch (InvalidOperationException e) { throw ctx.Error(e.Message); }
    }

    public static void Evaluate(EvalContext ctx, Func<int, int, int> element)
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        var shape = Broadcasting.Shapes(a.Shape, b.Shape);
        var ia = Broadcasting.IndexMap(shape, a.Shape);
        var ib = Broadcasting.IndexMap(shape, b.Shape);
        sbyte[] xa = a.Int8s, xb = b.Int8s;
        var y = new sbyte[ia.Length];
        for (int i = 0; i < y.Length; i++) y[i] = (sbyte)element(xa[ia[i]], xb[ib[i]]);
        ctx.SetOutput(0, new Tensor(DataType.Int8, shape, y));
    }
}
