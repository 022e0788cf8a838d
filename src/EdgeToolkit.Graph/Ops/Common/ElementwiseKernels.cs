namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Element-by-element evaluation with broadcasting, in the two working representations
/// (double for float types, long for integer types; see TensorValues).
/// </summary>
public static class ElementwiseKernels
{
    /// <summary>Unary map keeping the element type: floatOp for float types, intOp for integers/bool.</summary>
    public static Tensor Map(Tensor x, Func<double, double>? floatOp, Func<long, long>? intOp = null)
    {
        if (x.Type.IsFloat())
        {
            if (floatOp == null) throw new ArgumentException($"not defined for {x.Type.OnnxName()}");
            var v = TensorValues.ToDoubles(x);
            for (int i = 0; i < v.Length; i++) v[i] = floatOp(v[i]);
            return TensorValues.FromDoubles(x.Type, x.Shape, v);
        }
        if (intOp == null) throw new ArgumentException($"not defined for {x.Type.OnnxName()}");
        var l = TensorValues.ToLongs(x);
        for (int i = 0; i < l.Length; i++) l[i] = intOp(l[i]);
        return TensorValues.FromLongs(x.Type, x.Shape, l);
    }

    /// <summary>Binary op with multidirectional broadcasting; the result has a's element type.</summary>
    public static Tensor Binary(Tensor a, Tensor b, Func<double, double, double>? floatOp, Func<long, long, long>? intOp)
    {
        var shape = Broadcasting.Shapes(a.Shape, b.Shape);
        var ia = Broadcasting.IndexMap(shape, a.Shape);
        var ib = Broadcasting.IndexMap(shape, b.Shape);
        if (a.Type.IsFloat())
        {
            if (floatOp == null) throw new ArgumentException($"not defined for {a.Type.OnnxName()}");
            double[] x = TensorValues.ToDoubles(a), y = TensorValues.ToDoubles(b), r = new double[ia.Length];
            for (int i = 0; i < r.Length; i++) r[i] = floatOp(x[ia[i]], y[ib[i]]);
            return TensorValues.FromDoubles(a.Type, shape, r);
        }
        if (intOp == null) throw new ArgumentException($"not defined for {a.Type.OnnxName()}");
        long[] p = TensorValues.ToLongs(a), q = TensorValues.ToLongs(b), s = new long[ia.Length];
        for (int i = 0; i < s.Length; i++) s[i] = intOp(p[ia[i]], q[ib[i]]);
        return TensorValues.FromLongs(a.Type, shape, s);
    }

    /// <summary>Binary predicate with broadcasting, giving a bool tensor (comparisons, logic).</summary>
    public static Tensor Predicate(Tensor a, Tensor b, Func<double, double, bool> floatOp, Func<long, long, bool> intOp)
    {
        var shape = Broadcasting.Shapes(a.Shape, b.Shape);
        var ia = Broadcasting.IndexMap(shape, a.Shape);
        var ib = Broadcasting.IndexMap(shape, b.Shape);
        var r = new bool[ia.Length];
        if (a.Type.IsFloat() || b.Type.IsFloat())
        {
            double[] x = TensorValues.ToDoubles(a), y = TensorValues.ToDoubles(b);
            for (int i = 0; i < r.Length; i++) r[i] = floatOp(x[ia[i]], y[ib[i]]);
        }
        else
        {
            long[] x = TensorValues.ToLongs(a), y = TensorValues.ToLongs(b);
            for (int i = 0; i < r.Length; i++) r[i] = intOp(x[ia[i]], y[ib[i]]);
        }
        return TensorValues.FromBools(shape, r);
    }

    /// <summary>Symbolic broadcast of all present inputs, with a node-naming error when they clash.</summary>
    public static SymShape BroadcastInputs(ShapeContext ctx)
    {
        var shapes = new List<SymShape>();
        for (int i = 0; i < ctx.InputCount; i++) if (ctx.HasInput(i)) shapes.Add(ctx.InputShape(i));
        try { return Broadcasting.Shapes(shapes); }
        catch (InvalidOperationException e)
        {
            throw ctx.Error($"input shapes {string.Join(", ", shapes)} cannot be broadcast: {e.Message}",
                "ONNX broadcasting aligns shapes on the right; each dim pair must be equal or contain a 1");
        }
    }
}
