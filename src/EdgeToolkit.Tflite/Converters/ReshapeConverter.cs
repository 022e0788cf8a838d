using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// RESHAPE, SQUEEZE and EXPAND_DIMS: an ONNX Reshape to the output's declared (static) shape, in
/// the declared order (a channels-first input is transposed back first, since the element order
/// is what a reshape keeps). With the same quantization on both sides, as TFLite requires, the
/// Reshape moves the int8 values themselves.
/// </summary>
internal sealed class ReshapeConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.RESHAPE, BuiltinOperator.SQUEEZE, BuiltinOperator.EXPAND_DIMS };

    public void Convert(OperatorContext op)
    {
        op.Expect(1, op.Op.Code.Builtin == BuiltinOperator.SQUEEZE ? 1 : 2);
        var (x, y) = (op.Input(0), op.Output());
        if (Tensor.ElementCountOf(x.Shape) != Tensor.ElementCountOf(y.Shape))
            throw op.Malformed($"reshapes [{string.Join("x", x.Shape)}] to [{string.Join("x", y.Shape)}], which holds a different number of elements");
        var shape = op.Initializer("shape", Tensor.Vector(y.Shape.Select(d => (long)d).ToArray()));
        bool sameEncoding = x.Type == y.Type && ImportContext.IsQuantized(x) == ImportContext.IsQuantized(y)
            && (!ImportContext.IsQuantized(x) || QdqParameters.SameParameters(x.Quantization, y.Quantization));
        if (sameEncoding)
            op.ProduceStored(op.Node("Reshape", new[] { op.Stored(0, TensorLayout.AsDeclared), shape }), TensorLayout.AsDeclared);
        else
            op.Produce(op.Node("Reshape", new[] { op.Float(0, TensorLayout.AsDeclared), shape }), TensorLayout.AsDeclared);
    }
}
