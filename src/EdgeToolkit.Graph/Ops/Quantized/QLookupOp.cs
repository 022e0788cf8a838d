namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// QLookup (domain edgetk, README.md here): Y[i] = T[X[i] + 128] over int8 X and a constant
/// 256-entry int8 table T. An elementwise float op between a DequantizeLinear and a
/// QuantizeLinear takes one of 256 inputs and gives one of 256 outputs, so the lowering
/// evaluates it once per input value and the kernel is a table read.
/// </summary>
public sealed class QLookupOperator : IOperator
{
    public string OpType => "QLookup";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputCount != 2 || !ctx.HasInput(0) || !ctx.HasInput(1)) return "QLookup takes X and T";
        if (ctx.InputType(0) != DataType.Int8 || ctx.InputType(1) != DataType.Int8) return "QLookup X and T must be int8";
        if (ctx.InputShape(1) is { IsConcrete: true } t && t.ElementCount != 256) return $"QLookup T must hold 256 values, got {t}";
        return null;
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Int8, ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var table = ctx.Input(1).Int8s;
        if (table.Length != 256) throw ctx.Error($"QLookup T has {table.Length} values, needs 256");
        var y = x.Int8s.Select(v => table[v + 128]).ToArray();
        ctx.SetOutput(0, new Tensor(DataType.Int8, x.Shape, y));
    }
}
