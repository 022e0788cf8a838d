using System.Collections;
using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Unique: the distinct elements of the flattened input (or distinct slices along axis), sorted
/// ascending (sorted=1, default) or in order of first occurrence; with the int64 outputs
/// indices (first occurrence), inverse_indices (each input's position in Y) and counts.
/// </summary>
public sealed class UniqueOp : IOperator
{
    public string OpType => "Unique";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        bool hasAxis = ctx.Node.HasAttribute("axis");
        SymShape y;
        Dim perInput;
        if (!hasAxis) { y = new SymShape(new[] { Dim.Unknown }); perInput = x.Shape.ElementCount is long n ? Dim.Of(n) : Dim.Unknown; }
        else if (!x.Shape.HasRank) { y = SymShape.UnknownRank; perInput = Dim.Unknown; }
        else
        {
            int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Shape.Rank);
            var dims = x.Shape.Dims!.ToArray();
            perInput = dims[axis];
            dims[axis] = Dim.Unknown;
            y = new SymShape(dims);
        }
        ctx.SetOutput(0, x.Type, y);
        ctx.SetOutput(1, DataType.Int64, new SymShape(new[] { Dim.Unknown }));
        ctx.SetOutput(2, DataType.Int64, new SymShape(new[] { perInput }));
        ctx.SetOutput(3, DataType.Int64, new SymShape(new[] { Dim.Unknown }));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        bool hasAxis = ctx.Node.HasAttribute("axis");
        var shape = hasAxis ? x.Shape : new[] { x.Length };
        int axis = hasAxis ? Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Rank) : 0;
        int count = shape[axis], outer = (int)Tensor.ElementCountOf(shape[..axis]), inner = (int)Tensor.ElementCountOf(shape[(axis + 1)..]);
        // Slice k holds, in order, the elements (o, k, i) for every outer o and inner i.
        var slices = Enumerable.Range(0, count)
            .Select(k => Enumerable.Range(0, outer * inner).Select(e => (e / inner * count + k) * inner + e % inner).ToArray()).ToArray();
        var comparer = new SliceComparer(x.Data);
        var firsts = new List<int>();
        var inverse = new long[count];
        var counts = new List<long>();
        for (int k = 0; k < count; k++)
        {
            int found = firsts.FindIndex(f => comparer.Compare(slices[f], slices[k]) == 0);
            if (found < 0) { found = firsts.Count; firsts.Add(k); counts.Add(0); }
            inverse[k] = found;
            counts[found]++;
        }
        var order = Enumerable.Range(0, firsts.Count).ToArray();
        if (ctx.Node.GetInt("sorted", 1) != 0) order = order.OrderBy(u => slices[firsts[u]], comparer).ToArray();
        var rank = new long[order.Length];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r;

        var source = new int[order.Length * outer * inner];
        for (int o = 0; o < outer; o++)
            for (int r = 0; r < order.Length; r++)
                for (int i = 0; i < inner; i++)
                    source[(o * order.Length + r) * inner + i] = (o * count + firsts[order[r]]) * inner + i;
        var yShape = (int[])shape.Clone();
        yShape[axis] = order.Length;
        ctx.SetOutput(0, new Tensor(x.Type, yShape, ElementGather.Take(x.Data, source)));
        ctx.SetOutput(1, Tensor.Vector(order.Select(u => (long)firsts[u]).ToArray()));
        ctx.SetOutput(2, Tensor.Vector(inverse.Select(u => rank[u]).ToArray()));
        ctx.SetOutput(3, Tensor.Vector(order.Select(u => counts[u]).ToArray()));
    }

    /// <summary>Orders slices lexicographically by their elements' own ordering (exact for every type).</summary>
    private sealed class SliceComparer(Array data) : IComparer<int[]>
    {
        public int Compare(int[]? a, int[]? b)
        {
            for (int i = 0; i < a!.Length; i++)
            {
                int c = Comparer.Default.Compare(data.GetValue(a[i]), data.GetValue(b![i]));
                if (c != 0) return c;
            }
            return 0;
        }
    }
}
