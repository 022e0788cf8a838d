using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.ArgReduce;

/// <summary>
/// TopK along one axis, K taken from the (concrete) output shape. No scratch: the j-th pick is the
/// first element, in the reference's total order (value, largest or smallest first, then lower
/// index; NaN below every number as double.CompareTo has it), that comes after the previous pick.
/// O(K * axis length) per row, which suits the small K of MCU models.
/// </summary>
public sealed class TopKEmitter : IKernelEmitter
{
    public string OpType => "TopK";

    public string? CheckSupported(KernelContext ctx)
    {
        var t = ctx.InputType(0);
        if (!t.IsInteger() && t != DataType.Float32) return $"TopK on {t.OnnxName()} is not supported";
        return ctx.Node.Fused.Count > 0 ? "TopK with fused post-ops" : null;
    }

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", -1), x.Length);
        int k = ctx.OutputShape(0)[axis];
        bool largest = ctx.Node.GetInt("largest", 1) != 0, withIndices = ctx.Node.Outputs.Count > 1 && ctx.Node.Outputs[1].Length > 0;
        bool isFloat = ctx.InputType(0) == DataType.Float32;
        var c = ctx.InputType(0).CType();
        var w = ctx.Code;
        DataMovement.Header(ctx, $"axis {axis}, k {k}, {(largest ? "largest" : "smallest")}");
        w.Line($"enum {{ OUTER = {Tensor.ElementCountOf(x[..axis])}, AXIS_LEN = {x[axis]}, INNER = {Tensor.ElementCountOf(x[(axis + 1)..])}, K = {k} }};");
        DataMovement.Pointers(ctx);
        if (withIndices) w.Line($"int64_t *indices = {ctx.Out(1)};");
        using (w.Block("for (long o = 0; o < OUTER; o++)"))
        using (w.Block("for (long i = 0; i < INNER; i++)"))
        {
            w.Line($"const {c} *row = x + o * AXIS_LEN * INNER + i;");
            w.Line($"long prev = -1; /* the previous pick, value pv */");
            w.Line($"{c} pv = 0;");
            using (w.Block("for (long j = 0; j < K; j++)"))
            {
                w.Line("long best = -1; /* the best candidate so far, value bv */");
                w.Line($"{c} bv = 0;");
                using (w.Block("for (long q = 0; q < AXIS_LEN; q++)"))
                {
                    w.Line($"const {c} v = row[q * INNER];");
                    w.Line($"if (prev >= 0 && !({Before(isFloat, largest, "pv", "prev", "v", "q")})) continue; /* picked already */");
                    w.Line($"if (best < 0 || {Before(isFloat, largest, "v", "q", "bv", "best")}) {{ best = q; bv = v; }}");
                }
                w.Line("y[(o * K + j) * INNER + i] = bv;");
                if (withIndices) w.Line("indices[(o * K + j) * INNER + i] = (int64_t)best;");
                w.Line("prev = best;");
                w.Line("pv = bv;");
            }
        }
    }

    /// <summary>C test: element (a, at index ia) comes before (b, ib) in the output order.</summary>
    private static string Before(bool isFloat, bool largest, string a, string ia, string b, string ib)
    {
        var (hi, lo) = largest ? (a, b) : (b, a);
        var greater = isFloat ? $"{hi} > {lo} || ({lo} != {lo} && {hi} == {hi})" : $"{hi} > {lo}";
        var equal = isFloat ? $"{a} == {b} || ({a} != {a} && {b} != {b})" : $"{a} == {b}";
        return $"{greater} || (({equal}) && {ia} < {ib})";
    }
}
