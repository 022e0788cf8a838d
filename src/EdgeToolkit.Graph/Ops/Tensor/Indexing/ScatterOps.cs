using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// ScatterElements (and its opset-9 name Scatter) and ScatterND: a copy of data with updates
/// written at the positions indices designate. reduction none (any type) or add / mul / max / min
/// (opsets 16/18; numeric types), applied in index order as the ONNX reference does.
/// </summary>
public abstract class ScatterOp : IOperator
{
    private static readonly string[] Reductions = { "none", "add", "mul", "max", "min" };

    public abstract string OpType { get; }

    public string? CheckSupported(ShapeContext ctx)
    {
        var r = ctx.Node.GetString("reduction", "none");
        if (!Reductions.Contains(r)) return $"{OpType} reduction '{r}' is not supported";
        if (!OpArguments.IsIndexType(ctx.InputType(1))) return $"{OpType} indices must be int32 or int64";
        return r == "none" ? null : TypeSupport.Require(ctx, 0, TypeSupport.Numeric, "data");
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var data = ctx.Input(0);
        var indices = ctx.Input(1);
        var updates = ctx.Input(2);
        var (targets, sources) = Positions(ctx, data, indices, updates);
        var reduction = ctx.Node.GetString("reduction", "none");
        if (reduction == "none")
        {
            var copy = (Array)data.Data.Clone();
            for (int i = 0; i < targets.Length; i++) Array.Copy(updates.Data, sources[i], copy, targets[i], 1);
            ctx.SetOutput(0, new Tensor(data.Type, data.Shape, copy));
            return;
        }
        Func<double, double, double> combine = reduction switch
        {
            "add" => (a, b) => a + b,
            "mul" => (a, b) => a * b,
            "max" => Math.Max,
            _ => Math.Min,
        };
        // Doubles hold float32 and every integer up to 2^53 exactly.
        var acc = TensorValues.ToDoubles(data);
        var upd = TensorValues.ToDoubles(updates);
        for (int i = 0; i < targets.Length; i++) acc[targets[i]] = combine(acc[targets[i]], upd[sources[i]]);
        ctx.SetOutput(0, data.Type.IsFloat() ? TensorValues.FromDoubles(data.Type, data.Shape, acc)
            : TensorValues.FromLongs(data.Type, data.Shape, Array.ConvertAll(acc, v => (long)v)));
    }

    /// <summary>Pairs (flat index in the output, flat index in updates), in update order.</summary>
    protected abstract (int[] Targets, int[] Sources) Positions(EvalContext ctx, Tensor data, Tensor indices, Tensor updates);
}

public class ScatterElementsOp : ScatterOp
{
    public override string OpType => "ScatterElements";

    protected override (int[], int[]) Positions(EvalContext ctx, Tensor data, Tensor indices, Tensor updates)
    {
        if (!indices.Shape.SequenceEqual(updates.Shape)) throw ctx.Error("indices and updates must have the same shape");
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), data.Rank);
        var targets = IndexTables.ElementSources(data.Shape, indices, axis, ctx);
        return (targets, Enumerable.Range(0, targets.Length).ToArray());
    }
}

/// <summary>Scatter (opset 9-10), the older name of ScatterElements.</summary>
public sealed class ScatterLegacyOp : ScatterElementsOp
{
    public override string OpType => "Scatter";
}

public sealed class ScatterNDOp : ScatterOp
{
    public override string OpType => "ScatterND";

    protected override (int[], int[]) Positions(EvalContext ctx, Tensor data, Tensor indices, Tensor updates)
    {
        var (starts, slice) = IndexTables.TupleStarts(data.Shape, indices, 0, ctx);
        if (updates.Length != starts.Length * slice) throw ctx.Error($"updates {updates} do not match {starts.Length} slices of {slice}");
        var targets = new int[updates.Length];
        for (int t = 0; t < starts.Length; t++)
            for (int s = 0; s < slice; s++) targets[t * slice + s] = starts[t] + s;
        return (targets, Enumerable.Range(0, targets.Length).ToArray());
    }
}
