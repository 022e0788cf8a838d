using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// GatherElements: y has the indices' shape; each element is x at its own coordinates with the one
/// on axis replaced by the index there. Loops over the indices' shape, strides fixed at generation time.
/// </summary>
public sealed class GatherElementsEmitter : IKernelEmitter
{
    public string OpType => "GatherElements";

    public string? CheckSupported(KernelContext ctx) =>
        IndexCode.CheckIndexType(ctx, 1) ?? ElementIndexing.CheckShapes(ctx, ctx.InputShape(1)) ?? DataMovement.CheckType(ctx, ctx.InputType(0));

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var idx = ctx.InputShape(1);
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"axis {axis}");
        DataMovement.Pointers(ctx);
        w.Line($"const {ctx.InputType(1).CType()} *idx = {ctx.In(1)};");
        var (loops, index) = IndexCode.Loops(w, idx);
        var (at, source) = ElementIndexing.Positions(index, x, idx, axis);
        IndexCode.ReadIndex(w, "k", $"idx[{at}]", x[axis]);
        w.Line($"y[{at}] = x[{source}];");
        IndexCode.Close(loops);
    }
}

/// <summary>Index arithmetic GatherElements and ScatterElements share.</summary>
internal static class ElementIndexing
{
    /// <summary>indices (and updates) must have data's rank and fit inside it off the axis.</summary>
    public static string? CheckShapes(KernelContext ctx, int[] indices)
    {
        var x = ctx.InputShape(0);
        if (indices.Length != x.Length || x.Length == 0) return $"{ctx.Node.OpType} indices must have the (non-zero) rank of data";
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
        for (int d = 0; d < x.Length; d++)
            if (d != axis && indices[d] > x[d]) return $"{ctx.Node.OpType} indices exceed data on axis {d}";
        return null;
    }

    /// <summary>
    /// For the loops over the indices' shape: the flat index into indices (and updates, and a
    /// GatherElements output), and the flat index into data with "k" on axis.
    /// </summary>
    public static (string At, string Data) Positions(Func<long[], string> index, int[] data, int[] indices, int axis)
    {
        var dataStrides = IndexCode.Strides(data);
        var offAxis = dataStrides.Select((s, d) => d == axis ? 0 : s).ToArray();
        var rest = index(offAxis);
        var onAxis = dataStrides[axis] == 1 ? "k" : $"k * {dataStrides[axis]}";
        return (index(IndexCode.Strides(indices)), rest == "0" ? onAxis : $"{rest} + {onAxis}");
    }
}
