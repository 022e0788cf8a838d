using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>
/// QLinearMatMul (opsets 10 and 21): int8/uint8 a and b, their zero points subtracted (per tensor,
/// per row of a, per column of b; MatMulQuantParams), multiplied as MatMul does into int32 sums
/// (wrapping in 32 bits, as the spec allows), then as the ONNX reference: scale = a_scale *
/// b_scale / y_scale in float32, D = sum * scale + y_zero_point in double, round half to even,
/// saturate to y_zero_point's type. ONNX Runtime computes float(sum) * scale in float32 instead;
/// the two differ only when float rounding moves a value across a half, and never on the
/// backend cases. Inputs: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point.
/// </summary>
public sealed class QLinearMatMulOperator : IOperator
{
    private static readonly DataType[] Int8s = { DataType.Int8, DataType.UInt8 };

    public string OpType => "QLinearMatMul";

    public string? CheckSupported(ShapeContext ctx)
    {
        for (int i = 0; i < 8; i++)
            if (!ctx.HasInput(i)) return $"QLinearMatMul needs all 8 inputs, input {i} is missing";
        var why = TypeSupport.Require(ctx, 0, Int8s, "a") ?? TypeSupport.Require(ctx, 3, Int8s, "b") ?? TypeSupport.Require(ctx, 7, Int8s, "y_zero_point")
            ?? TypeSupport.RequireSame(ctx, 0, 2) ?? TypeSupport.RequireSame(ctx, 3, 5);
        if (why != null) return why;
        foreach (int i in new[] { 1, 4, 6 })
            if (TypeSupport.Require(ctx, i, TypeSupport.Float, "scale") is { } s) return s;
        foreach (int i in new[] { 6, 7 })
            if (ctx.InputShape(i).ElementCount is long n && n != 1) return $"QLinearMatMul input {i} (the output's scale or zero point) must hold one value";
        return null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        // MatMul's shape rule, typed by y_zero_point.
        var inner = new ShapeContext(new Node(ctx.Node.Name, "MatMul", new[] { ctx.Node.Inputs[0], ctx.Node.Inputs[3] }, ctx.Node.Outputs.Take(1)), ctx.Opset,
            name => name == ctx.Node.Inputs[0] ? ctx.Input(0) : name == ctx.Node.Inputs[3] ? ctx.Input(3) : null, _ => null, ctx.File);
        new MatMulOperator().InferShapes(inner);
        ctx.SetOutput(0, ctx.InputType(7), inner.Outputs[0]!.Shape);
    }

    public void Evaluate(EvalContext ctx)
    {
        Tensor a = ctx.Input(0), b = ctx.Input(3), yZeroPoint = ctx.Input(7);
        var (lo, hi) = yZeroPoint.Type == DataType.UInt8 ? (0L, 255L) : (-128L, 127L);
        float yScale = ctx.Input(6).Floats[0];
        long yZero = TensorValues.ToLongs(yZeroPoint)[0];
        var product = new QuantizedProduct(ctx, a, ctx.Input(1), ctx.Input(2), b, ctx.Input(4), ctx.Input(5));
        var q = new long[product.Sums.Length];
        for (int i = 0; i < q.Length; i++)
        {
            // float32 scale in the reference's order, then the double product and the zero point, then the rounding.
            float scale = product.AScale(i) * product.BScale(i) / yScale;
            double v = product.Sums[i] * (double)scale + yZero;
            q[i] = double.IsNaN(v) ? lo : (long)Math.Clamp(Math.Round(v, MidpointRounding.ToEven), lo, hi);
        }
        ctx.SetOutput(0, TensorValues.FromLongs(yZeroPoint.Type, product.Shape, q));
    }
}

/// <summary>
/// The exact integer part of a quantized MatMul: int32 sums of (a - a_zero) x (b - b_zero) with
/// numpy's batching, and for each output element which of a's and b's scales applies.
/// </summary>
internal sealed class QuantizedProduct
{
    private readonly float[] _aScale, _bScale;
    private readonly int[] _aParam, _bParam;
    public int[] Shape { get; }
    public int[] Sums { get; }

    public QuantizedProduct(EvalContext ctx, Tensor a, Tensor aScale, Tensor aZero, Tensor b, Tensor bScale, Tensor bZero)
    {
        int[] sa = a.Rank == 1 ? new[] { 1, a.Shape[0] } : a.Shape, sb = b.Rank == 1 ? new[] { b.Shape[0], 1 } : b.Shape;
        int m = sa[^2], k = sa[^1], n = sb[^1];
        if (sb[^2] != k) throw ctx.Error($"inner dims differ: a [{string.Join("x", a.Shape)}] x b [{string.Join("x", b.Shape)}]");
        int[] batchA = sa[..^2], batchB = sb[..^2];
        int[] batch;
        try { batch = Broadcasting.Shapes(batchA, batchB); }
        catch (InvalidOperationException e) { throw ctx.Error($"batch dims of a and b do not broadcast: {e.Message}"); }
        int[] mapA = Broadcasting.IndexMap(batch, batchA), mapB = Broadcasting.IndexMap(batch, batchB);
        int[] aScaleMap = ParamMap(ctx, a.Shape, aScale, ofA: true), aZeroMap = ParamMap(ctx, a.Shape, aZero, ofA: true);
        int[] bScaleMap = ParamMap(ctx, b.Shape, bScale, ofA: false), bZeroMap = ParamMap(ctx, b.Shape, bZero, ofA: false);
        long[] av = TensorValues.ToLongs(a), bv = TensorValues.ToLongs(b), az = TensorValues.ToLongs(aZero), bz = TensorValues.ToLongs(bZero);
        _aScale = aScale.Floats; _bScale = bScale.Floats;

        int count = mapA.Length;
        Sums = new int[count * m * n];
        _aParam = new int[Sums.Length];
        _bParam = new int[Sums.Length];
        for (int p = 0; p < count; p++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    int row = mapA[p] * m + i, col = mapB[p] * n + j, o = (p * m + i) * n + j;
                    long za = az[aZeroMap[row]], zb = bz[bZeroMap[col]], s = 0;
                    for (int q = 0; q < k; q++) s += (av[row * k + q] - za) * (bv[(mapB[p] * k + q) * n + j] - zb);
                    Sums[o] = unchecked((int)s);
                    _aParam[o] = aScaleMap[row];
                    _bParam[o] = bScaleMap[col];
                }
        var shape = new List<int>(batch);
        if (a.Rank > 1) shape.Add(m);
        if (b.Rank > 1) shape.Add(n);
        Shape = shape.ToArray();
    }

    public float AScale(int output) => _aScale[_aParam[output]];
    public float BScale(int output) => _bScale[_bParam[output]];

    private static int[] ParamMap(EvalContext ctx, int[] operand, Tensor param, bool ofA)
    {
        try { return MatMulQuantParams.Map(operand, param.Shape, ofA); }
        catch (ArgumentException e) { throw ctx.Error($"{(ofA ? "a" : "b")}'s scale or zero point: {e.Message}"); }
    }
}
