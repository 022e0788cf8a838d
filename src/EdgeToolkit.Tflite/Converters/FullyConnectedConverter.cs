using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// FULLY_CONNECTED: y = x W^T + b with W [units, inputs], as ONNX Gemm(transB = 1). TFLite
/// flattens an input of any rank to [-1, inputs] in its declared (NHWC) order, so the flattening
/// Reshape runs on the stored value (int8 stays int8) before the DequantizeLinear; keep_num_dims
/// reshapes the quantized result back to the declared output shape.
/// </summary>
internal sealed class FullyConnectedConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.FULLY_CONNECTED };

    public void Convert(OperatorContext op)
    {
        op.Expect(2, 3);
        var (x, w) = (op.Input(0), op.Input(1));
        var o = op.Options<FullyConnectedOptions>();
        if (o.WeightsFormat != 0)
            throw op.Unsupported("its weights use the shuffled SHUFFLED4x16INT8 format", "re-convert the model with the default weights format");
        if (w.Rank != 2) throw op.Malformed($"has weights of rank {w.Rank}; FULLY_CONNECTED takes [units, inputs]");
        if (op.Constant(1) == null)
            throw op.Unsupported("its weights are computed at run time", "EdgeToolkit compiles fully connected layers with constant weights; freeze them when converting");
        int units = w.Shape[0], depth = w.Shape[1];
        long elements = Tensor.ElementCountOf(x.Shape);
        if (depth == 0 || elements % depth != 0)
            throw op.Malformed($"has input [{string.Join("x", x.Shape)}] that does not flatten into rows of {depth}");
        int batch = (int)(elements / depth);

        var xStored = op.Stored(0, TensorLayout.AsDeclared);
        if (!x.Shape.SequenceEqual(new[] { batch, depth }))
            xStored = op.Node("Reshape", new[] { xStored, op.Initializer("rows", Tensor.Vector(batch, depth)) });
        var inputs = new List<string> { op.FloatOfStored(xStored, 0), op.Float(1, TensorLayout.AsDeclared) };
        if (op.HasInput(2)) inputs.Add(op.Float(2, TensorLayout.AsDeclared));
        var y = op.Activation(op.Node("Gemm", inputs, NodeAttribute.Of("transB", 1L)), o.Activation);

        var declared = op.Output().Shape;
        if (declared.SequenceEqual(new[] { batch, units })) { op.Produce(y, TensorLayout.AsDeclared); return; }
        if (Tensor.ElementCountOf(declared) != (long)batch * units)
            throw op.Malformed($"declares output [{string.Join("x", declared)}] for {batch} rows of {units} units");
        var reshaped = op.Node("Reshape", new[] { op.QuantizedLikeOutput(y), op.Initializer("shape", Tensor.Vector(declared.Select(d => (long)d).ToArray())) });
        op.ProduceStored(reshaped, TensorLayout.AsDeclared);
    }
}
