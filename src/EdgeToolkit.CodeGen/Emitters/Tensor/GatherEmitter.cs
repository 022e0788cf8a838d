using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// Gather along any axis, int32 or int64 indices. Constant indices are checked and normalised at
/// generation time (one constant index becomes a plain strided copy); runtime indices are wrapped
/// when negative and clamped when out of range (ONNX leaves that undefined; C must not read out of bounds).
/// </summary>
public sealed class GatherEmitter : IKernelEmitter
{
    public string OpType => "Gather";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(1) is not (DataType.Int32 or DataType.Int64)) return $"Gather indices of type {ctx.InputType(1).OnnxName()}";
        var x = ctx.InputShape(0);
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
        if (ctx.Constant(1) is { } idx)
            for (int j = 0; j < idx.Length; j++)
                if (idx.GetInt64(j) < -x[axis] || idx.GetInt64(j) >= x[axis]) return $"Gather index {idx.GetInt64(j)} is out of range for axis size {x[axis]}";
        return DataMovement.CheckType(ctx, ctx.InputType(0));
    }

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        int axis = DataMovement.Axis(ctx.Node.GetInt("axis", 0), x.Length);
        int outer = (int)Tensor.ElementCountOf(x[..axis]), axisLen = x[axis], inner = (int)Tensor.ElementCountOf(x[(axis + 1)..]);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"axis {axis}");
        var constant = ctx.Constant(1);
        if (constant is { Length: 1 })
        {
            long k = constant.GetInt64(0);
            if (k < 0) k += axisLen;
            w.Line($"/* constant index {k} */");
            DataMovement.Pointers(ctx);
            new StridedCopy(new[] { outer, inner }, new long[] { (long)axisLen * inner, 1 }, k * inner, new long[] { inner, 1 }, 0).Write(w);
            return;
        }
        int count = (int)Tensor.ElementCountOf(ctx.InputShape(1));
        string indexExpr, indexType;
        if (constant != null)
        {
            var normalized = Enumerable.Range(0, constant.Length).Select(j => (int)(constant.GetInt64(j) < 0 ? constant.GetInt64(j) + axisLen : constant.GetInt64(j))).ToArray();
            indexExpr = ctx.AddConstant(ctx.Node.Name + "_indices", Tensor.FromInt32s(new[] { normalized.Length }, normalized));
            indexType = "int32_t";
        }
        else
        {
            indexExpr = ctx.In(1);
            indexType = ctx.InputType(1).CType();
        }
        w.Line($"enum {{ OUTER = {outer}, AXIS_LEN = {axisLen}, INNER = {inner}, COUNT = {count} }};");
        DataMovement.Pointers(ctx);
        w.Line($"const {indexType} *idx = {indexExpr};");
        using (w.Block("for (int j = 0; j < COUNT; j++)"))
        {
            if (constant != null) w.Line("const int k = (int)idx[j]; /* checked and made non-negative at generation time */");
            else
            {
                w.Line("int k = (int)(idx[j] < 0 ? idx[j] + AXIS_LEN : idx[j]);");
                w.Line("if (k < 0) k = 0; else if (k >= AXIS_LEN) k = AXIS_LEN - 1; /* out of range: clamp rather than read out of bounds */");
            }
            using (w.Block("for (int o = 0; o < OUTER; o++)"))
                w.Line("for (int i = 0; i < INNER; i++) y[(o * COUNT + j) * INNER + i] = x[(o * AXIS_LEN + k) * INNER + i];");
        }
    }
}
