using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// QGemm (domain edgetk, README.md here): Y[.., n] = clamp(R(B[n] + sum_k X[.., k] * W[n, k], M[n], S[n]) + zy)
/// over X [..., K] and constant int8 W [N, K], with int32 accumulators and the fixed-point
/// requantisation of FixedPoint (TFLite arithmetic), so the C emitted for it agrees bit for bit.
/// X and Y are int8, or both int16 (TFLite's 16x8 mode: int16 activations, int8 weights).
/// </summary>
public sealed class QGemmOperator : IOperator
{
    public string OpType => "QGemm";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputCount != 5 || Enumerable.Range(0, 5).Any(i => !ctx.HasInput(i))) return "QGemm takes X, W, B, M and S";
        if (ctx.InputType(0) is not (DataType.Int8 or DataType.Int16)) return "QGemm X must be int8 or int16";
        if (ctx.InputType(1) != DataType.Int8) return "QGemm W must be int8";
        for (int i = 2; i < 5; i++)
            if (ctx.InputType(i) != DataType.Int32) return $"QGemm input {i} (bias, multiplier, shift) must be int32";
        var w = ctx.InputShape(1);
        if (w.HasRank && w.Rank != 2) return $"QGemm W must be 2-D [N, K], got {w}";
        if (ctx.InputShape(0) is { HasRank: true } x && x.Rank < 1) return "QGemm X must have at least one dim";
        var type = ctx.InputType(0);
        var (qmin, qmax) = QuantizeLinearOperator.Range(type);
        long lo = ctx.Node.GetInt("act_min", qmin), hi = ctx.Node.GetInt("act_max", qmax);
        if (lo < qmin || hi > qmax || lo > hi) return $"QGemm act_min/act_max [{lo}, {hi}] must be an {type.OnnxName()} range";
        if (ctx.Node.GetInt("output_zero_point", 0) is var z && (z < qmin || z > qmax)) return $"QGemm output_zero_point must be {type.OnnxName()}";
        return null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        SymShape x = ctx.InputShape(0), w = ctx.InputShape(1);
        var type = ctx.InputType(0);
        if (!x.HasRank || !w.HasRank) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        Dim n = w[0], k = w[1], xk = x[x.Rank - 1];
        if (k.IsKnown && xk.IsKnown && k.Value != xk.Value) throw ctx.Error($"QGemm X {x} does not end in W's K ({w})");
        for (int i = 2; i < 5; i++)
            if (ctx.InputShape(i) is { IsConcrete: true } s && n.IsKnown && s.ElementCount != n.Value)
                throw ctx.Error($"QGemm input {i} has {s.ElementCount} values, W has {n.Value} rows");
        ctx.SetOutput(0, type, new SymShape(x.Dims!.Take(x.Rank - 1).Append(n)));
    }

    public void Evaluate(EvalContext ctx)
    {
        var xt = ctx.Input(0);
        var x = xt.Type == DataType.Int16 ? xt.Int16s.Select(v => (int)v).ToArray() : xt.Int8s.Select(v => (int)v).ToArray();
        var w = ctx.Input(1).Int8s;
        int[] b = ctx.Input(2).Int32s, m = ctx.Input(3).Int32s, s = ctx.Input(4).Int32s;
        int n = ctx.Input(1).Shape[0], k = ctx.Input(1).Shape[1];
        var (qmin, qmax) = QuantizeLinearOperator.Range(xt.Type);
        int zy = (int)ctx.Node.GetInt("output_zero_point", 0);
        int lo = (int)ctx.Node.GetInt("act_min", qmin), hi = (int)ctx.Node.GetInt("act_max", qmax);
        int rows = k == 0 ? 0 : x.Length / k;
        var y = new int[rows * n];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < n; c++)
            {
                // int32 wraps like the C; int8 sums only get there past K = 131072, and the lowering
                // writes an int16 QGemm only when no sum can (README.md).
                int acc = b[c];
                for (int i = 0; i < k; i++) acc = unchecked(acc + x[r * k + i] * w[c * k + i]);
                y[r * n + c] = FixedPoint.Requantize(acc, m[c], s[c], zy, lo, hi);
            }
        var shape = xt.Shape.Take(xt.Rank - 1).Append(n).ToArray();
        ctx.SetOutput(0, xt.Type == DataType.Int16
            ? new Tensor(DataType.Int16, shape, y.Select(v => (short)v).ToArray())
            : new Tensor(DataType.Int8, shape, y.Select(v => (sbyte)v).ToArray()));
    }
}
