using System.Numerics;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Range(start, limit, delta): max(ceil((limit-start)/delta), 0) elements (the difference taken
/// in the element type, as the ONNX function body does), element i being start + i * delta.
/// </summary>
public sealed class RangeOp : IOperator
{
    public string OpType => "Range";

    private static readonly DataType[] Types = { DataType.Float32, DataType.Float64, DataType.Int16, DataType.Int32, DataType.Int64 };

    public string? CheckSupported(ShapeContext ctx) =>
        Types.Contains(ctx.InputType(0)) ? null : $"Range of {ctx.InputType(0).OnnxName()} is not supported";

    public void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        Tensor? start = ctx.ConstantInput(0), limit = ctx.ConstantInput(1), delta = ctx.ConstantInput(2);
        var n = start != null && limit != null && delta != null ? Dim.Of(Compute(start, limit, delta).Length) : Dim.Unknown;
        ctx.SetOutput(0, type, new SymShape(new[] { n }));
    }

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, Compute(ctx.Input(0), ctx.Input(1), ctx.Input(2)));

    private static Tensor Compute(Tensor start, Tensor limit, Tensor delta)
    {
        Array data = start.Data switch
        {
            float[] s => Steps(s[0], ((float[])limit.Data)[0], ((float[])delta.Data)[0]),
            double[] s => Steps(s[0], ((double[])limit.Data)[0], ((double[])delta.Data)[0]),
            short[] s => Steps(s[0], ((short[])limit.Data)[0], ((short[])delta.Data)[0]),
            int[] s => Steps(s[0], ((int[])limit.Data)[0], ((int[])delta.Data)[0]),
            long[] s => Steps(s[0], ((long[])limit.Data)[0], ((long[])delta.Data)[0]),
            _ => throw new InvalidOperationException($"Range of {start.Type.OnnxName()} is not supported"),
        };
        return new Tensor(start.Type, new[] { data.Length }, data);
    }

    private static T[] Steps<T>(T start, T limit, T delta) where T : struct, INumber<T>
    {
        if (T.IsZero(delta)) throw new InvalidOperationException("Range delta cannot be 0");
        double count = Math.Ceiling(double.CreateChecked(limit - start) / double.CreateChecked(delta));
        var r = new T[(int)Math.Max(count, 0)];
        for (int i = 0; i < r.Length; i++) r[i] = start + T.CreateChecked(i) * delta;
        return r;
    }
}
