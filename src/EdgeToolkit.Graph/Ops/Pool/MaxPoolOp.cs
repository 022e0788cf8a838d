using System.Numerics;
using EdgeToolkit.Graph.Ops.Common;
using EdgeToolkit.Graph.Ops.Conv;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>
/// MaxPool over float32, int8 and uint8 (opset 12), with pads, strides, dilations, ceil_mode and
/// auto_pad. Padding never wins the max. The optional Indices output holds flat indices into X,
/// row-major (storage_order 0) or with the spatial part column-major (storage_order 1).
/// </summary>
public sealed class MaxPoolOp : IOperator
{
    public string OpType => "MaxPool";

    private static readonly DataType[] Types = { DataType.Float32, DataType.Int8, DataType.UInt8 };

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, Types, "X") ?? PoolWindows.Check(ctx);

    public void InferShapes(ShapeContext ctx)
    {
        var shape = PoolWindows.OutputShape(ctx);
        ctx.SetOutput(0, ctx.InputType(0), shape);
        ctx.SetOutput(1, DataType.Int64, shape);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var (taps, planes, planeSize) = PoolWindows.For(ctx.Node, x);
        var indices = new long[(long)planes * taps.Taps.Length];
        // Generic over the element type, so int8 and uint8 compare as themselves, not via doubles.
        Array y = x.Type switch
        {
            DataType.Float32 => Pool((float[])x.Data, taps, planes, planeSize, indices),
            DataType.Int8 => Pool((sbyte[])x.Data, taps, planes, planeSize, indices),
            DataType.UInt8 => Pool((byte[])x.Data, taps, planes, planeSize, indices),
            _ => throw ctx.Error($"MaxPool of {x.Type.OnnxName()} is not supported"),
        };
        if (ctx.Node.GetInt("storage_order", 0) != 0)
        {
            var spatial = x.Shape[2..];
            for (int i = 0; i < indices.Length; i++)
                indices[i] = indices[i] / planeSize * planeSize + ColumnMajor((int)(indices[i] % planeSize), spatial);
        }
        var shape = PoolWindows.OutputShape(x, taps);
        ctx.SetOutput(0, new Tensor(x.Type, shape, y));
        ctx.SetOutput(1, new Tensor(DataType.Int64, shape, indices));
    }

    /// <summary>Max of each window; indices receives the flat row-major index of the winner in X.</summary>
    private static T[] Pool<T>(T[] xs, WindowTaps taps, int planes, int planeSize, long[] indices) where T : struct, INumber<T>
    {
        int outPlane = taps.Taps.Length;
        var y = new T[(long)planes * outPlane];
        for (int p = 0; p < planes; p++)
            for (int o = 0; o < outPlane; o++)
            {
                var window = taps.Taps[o];
                if (window.Length == 0) throw new InvalidOperationException("a pooling window lies entirely in the padding");
                int best = p * planeSize + window[0].Offset;
                foreach (var (_, offset) in window)
                    if (xs[p * planeSize + offset] > xs[best]) best = p * planeSize + offset;
                y[p * outPlane + o] = xs[best];
                indices[p * outPlane + o] = best;
            }
        return y;
    }

    /// <summary>Re-expresses a row-major offset within a plane as a column-major one.</summary>
    private static long ColumnMajor(int offset, int[] shape)
    {
        long r = 0, stride = 1;
        var rowStrides = Tensor.Strides(shape);
        for (int a = 0; a < shape.Length; a++)
        {
            int coord = offset / rowStrides[a] % shape[a];
            r += coord * stride;
            stride *= shape[a];
        }
        return r;
    }
}
