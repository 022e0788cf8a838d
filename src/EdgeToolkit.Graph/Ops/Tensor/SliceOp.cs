using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Slice: starts/ends/axes as attributes before opset 10, as inputs (with steps) from 10.
/// Negative starts/ends count from the end; out-of-range values clamp; negative steps walk backwards.
/// </summary>
public sealed class SliceOp : IOperator
{
    public string OpType => "Slice";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        int rank = x.Shape.Rank;
        var starts = OpArguments.IntsFrom(ctx, 1, "starts");
        var ends = OpArguments.IntsFrom(ctx, 2, "ends");
        var axes = OpArguments.IntsFrom(ctx, 3, "axes");
        var steps = OpArguments.IntsFrom(ctx, 4, "steps");
        if (!starts.Found || !ends.Found) throw ctx.Error("Slice needs starts and ends");
        var dims = x.Shape.Dims!.ToArray();
        if (axes.Found && axes.Values == null)
        {
            ctx.SetOutput(0, x.Type, new SymShape(Enumerable.Repeat(Dim.Unknown, rank)));
            return;
        }
        if (starts.Values == null || ends.Values == null || steps.Found && steps.Values == null)
        {
            int count = starts.Values?.Length ?? ends.Values?.Length ?? -1;
            var sliced = axes.Values?.Select(a => Axes.Normalize(a, rank))
                ?? (count >= 0 ? Enumerable.Range(0, count) : Enumerable.Range(0, rank));
            foreach (var a in sliced) dims[a] = Dim.Unknown;
            ctx.SetOutput(0, x.Type, new SymShape(dims));
            return;
        }
        foreach (var r in Ranges(rank, starts.Values, ends.Values, axes.Values, steps.Values))
        {
            var d = dims[r.Axis];
            dims[r.Axis] = d.IsKnown ? Dim.Of(r.Resolve(d.Value).Count) : r.IsWholeAxis ? d : Dim.Unknown;
        }
        ctx.SetOutput(0, x.Type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var starts = OpArguments.IntsFrom(ctx, 1, "starts") ?? throw ctx.Error("Slice needs starts");
        var ends = OpArguments.IntsFrom(ctx, 2, "ends") ?? throw ctx.Error("Slice needs ends");
        var outShape = (int[])x.Shape.Clone();
        var first = new long[x.Rank];
        var step = Enumerable.Repeat(1L, x.Rank).ToArray();
        foreach (var r in Ranges(x.Rank, starts, ends, OpArguments.IntsFrom(ctx, 3, "axes"), OpArguments.IntsFrom(ctx, 4, "steps")))
        {
            var (start, count) = r.Resolve(x.Shape[r.Axis]);
            first[r.Axis] = start; step[r.Axis] = r.Step; outShape[r.Axis] = (int)count;
        }
        var strides = Tensor.Strides(x.Shape);
        var offsets = new int[x.Rank][];
        for (int a = 0; a < x.Rank; a++)
            offsets[a] = Enumerable.Range(0, outShape[a]).Select(o => (int)(first[a] + o * step[a]) * strides[a]).ToArray();
        ctx.SetOutput(0, new Tensor(x.Type, outShape, ElementGather.ByAxisOffsets(x.Data, outShape, offsets)));
    }

    private static IEnumerable<AxisRange> Ranges(int rank, long[] starts, long[] ends, long[]? axes, long[]? steps)
    {
        int n = starts.Length;
        if (ends.Length != n || axes != null && axes.Length != n || steps != null && steps.Length != n)
            throw new InvalidOperationException("Slice starts, ends, axes and steps differ in length");
        var seen = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            int axis = Axes.Normalize(axes?[i] ?? i, rank);
            if (!seen.Add(axis)) throw new InvalidOperationException($"Slice names axis {axis} twice");
            long step = steps?[i] ?? 1;
            if (step == 0) throw new InvalidOperationException("Slice step cannot be 0");
            yield return new AxisRange(axis, starts[i], ends[i], step);
        }
    }

    private readonly record struct AxisRange(int Axis, long Start, long End, long Step)
    {
        /// <summary>The first index and element count on a dim of size n, per the ONNX clamping rules.</summary>
        public (long Start, long Count) Resolve(long n)
        {
            if (n == 0) return (0, 0);
            long s = Start < 0 ? Start + n : Start, e = End < 0 ? End + n : End;
            if (Step > 0) { s = Math.Clamp(s, 0, n); e = Math.Clamp(e, 0, n); }
            else { s = Math.Clamp(s, 0, n - 1); e = Math.Clamp(e, -1, n - 1); }
            long span = e - s;
            long count = Step > 0 ? (span + Step - 1) / Step : (span + Step + 1) / Step;
            return (s, Math.Max(0, count));
        }

        /// <summary>True when the slice keeps a whole axis of any size, so a symbolic dim survives.</summary>
        public bool IsWholeAxis => Step == 1 && Start == 0 && End >= int.MaxValue;
    }
}
