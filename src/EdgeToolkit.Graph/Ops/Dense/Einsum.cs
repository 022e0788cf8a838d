using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>
/// Einsum (opset 12): sums of products over labelled dims (see EinsumEquation). A label repeated
/// within one input takes its diagonal; ellipsis dims broadcast. Evaluated by walking every
/// combination of label values once: slow, simple and exact (double or long accumulators).
/// </summary>
public sealed class EinsumOperator : IOperator
{
    public string OpType => "Einsum";

    public string? CheckSupported(ShapeContext ctx) =>
        ctx.Node.HasAttribute("equation") ? TypeSupport.RequireAll(ctx, TypeSupport.Numeric) ?? TypeSupport.RequireSame(ctx, Enumerable.Range(0, ctx.InputCount).ToArray())
        : "Einsum has no 'equation' attribute";

    public void InferShapes(ShapeContext ctx)
    {
        var shapes = Enumerable.Range(0, ctx.InputCount).Select(ctx.InputShape).ToList();
        if (shapes.Any(s => !s.HasRank)) { ctx.SetOutput(0, ctx.InputType(0), SymShape.UnknownRank); return; }
        var eq = EinsumEquation.Parse(ctx.Node.GetString("equation", ""), shapes.Select(s => s.Rank).ToList());
        var sizes = new Dictionary<char, Dim>();
        for (int i = 0; i < shapes.Count; i++)
            for (int k = 0; k < shapes[i].Rank; k++)
            {
                char c = eq.Inputs[i][k];
                sizes[c] = sizes.TryGetValue(c, out var d) ? Broadcasting.Combine(d, shapes[i][k]) : shapes[i][k];
            }
        ctx.SetOutput(0, ctx.InputType(0), new SymShape(eq.Output.Select(c => sizes[c])));
    }

    public void Evaluate(EvalContext ctx)
    {
        var inputs = Enumerable.Range(0, ctx.InputCount).Select(ctx.Input).ToList();
        var eq = EinsumEquation.Parse(ctx.Node.GetString("equation", ""), inputs.Select(t => t.Rank).ToList());
        var sizes = new Dictionary<char, int>();
        for (int i = 0; i < inputs.Count; i++)
            for (int k = 0; k < inputs[i].Rank; k++)
            {
                char c = eq.Inputs[i][k];
                int d = inputs[i].Shape[k];
                if (!sizes.TryGetValue(c, out var s) || s == 1) sizes[c] = d;
                else if (d != s && d != 1) throw ctx.Error($"Einsum label '{c}' has sizes {s} and {d}");
            }
        // Output labels first (odometer order = output order), then the summed ones.
        var labels = eq.Output.Concat(sizes.Keys.Where(c => !eq.Output.Contains(c)).OrderBy(c => c)).ToArray();
        var dims = labels.Select(c => sizes[c]).ToArray();
        // Per input, the stride each label contributes (repeats add up: the diagonal; size-1 dims: 0).
        var strides = inputs.Select((t, i) =>
        {
            var st = Tensor.Strides(t.Shape);
            var r = new int[labels.Length];
            for (int k = 0; k < t.Rank; k++)
                if (t.Shape[k] != 1) r[Array.IndexOf(labels, eq.Inputs[i][k])] += st[k];
            return r;
        }).ToList();
        int outCount = (int)Tensor.ElementCountOf(dims.Take(eq.Output.Length).ToArray());
        long total = Tensor.ElementCountOf(dims);
        int perOut = outCount == 0 ? 0 : (int)(total / outCount);
        var outShape = dims.Take(eq.Output.Length).ToArray();
        bool isFloat = inputs[0].Type.IsFloat();
        var fv = isFloat ? inputs.Select(TensorValues.ToDoubles).ToList() : null;
        var lv = isFloat ? null : inputs.Select(TensorValues.ToLongs).ToList();
        var fr = new double[outCount];
        var lr = new long[outCount];
        var idx = new int[labels.Length];
        var offs = new int[inputs.Count];
        for (long n = 0; n < total; n++)
        {
            int o = (int)(n / Math.Max(perOut, 1));
            if (isFloat)
            {
                double p = 1;
                for (int i = 0; i < inputs.Count; i++) p *= fv![i][offs[i]];
                fr[o] += p;
            }
            else
            {
                long p = 1;
                for (int i = 0; i < inputs.Count; i++) p = unchecked(p * lv![i][offs[i]]);
                lr[o] = unchecked(lr[o] + p);
            }
            // Advance the odometer, keeping each input's offset in step.
            for (int k = labels.Length - 1; k >= 0; k--)
            {
                idx[k]++;
                for (int i = 0; i < inputs.Count; i++) offs[i] += strides[i][k];
                if (idx[k] < dims[k]) break;
                for (int i = 0; i < inputs.Count; i++) offs[i] -= strides[i][k] * idx[k];
                idx[k] = 0;
            }
        }
        ctx.SetOutput(0, isFloat ? TensorValues.FromDoubles(inputs[0].Type, outShape, fr) : TensorValues.FromLongs(inputs[0].Type, outShape, lr));
    }
}
