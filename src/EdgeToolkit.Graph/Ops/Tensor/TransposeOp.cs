using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Transpose: output axis i is input axis perm[i]; the default perm reverses the axes.</summary>
public sealed class TransposeOp : IOperator
{
    public string OpType => "Transpose";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var perm = Perm(ctx.Node, x.Shape.Rank);
        ctx.SetOutput(0, x.Type, new SymShape(perm.Select(p => x.Shape[p])));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        ctx.SetOutput(0, Apply(x, Perm(ctx.Node, x.Rank)));
    }

    /// <summary>Transposes any tensor; also used by DepthToSpace/SpaceToDepth.</summary>
    internal static Tensor Apply(Tensor x, int[] perm)
    {
        var strides = Tensor.Strides(x.Shape);
        var outShape = perm.Select(p => x.Shape[p]).ToArray();
        var offsets = new int[perm.Length][];
        for (int i = 0; i < perm.Length; i++)
        {
            int stride = strides[perm[i]];
            offsets[i] = Enumerable.Range(0, outShape[i]).Select(o => o * stride).ToArray();
        }
        return new Tensor(x.Type, outShape, ElementGather.ByAxisOffsets(x.Data, outShape, offsets));
    }

    private static int[] Perm(Node node, int rank)
    {
        var p = node.GetInts("perm");
        if (p == null) return Enumerable.Range(0, rank).Reverse().ToArray();
        var perm = p.Select(v => Axes.Normalize(v, rank)).ToArray();
        if (perm.Length != rank || perm.Distinct().Count() != rank)
            throw new InvalidOperationException($"perm [{string.Join(",", p)}] is not a permutation of {rank} axes");
        return perm;
    }
}
