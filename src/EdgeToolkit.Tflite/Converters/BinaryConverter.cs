using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// ADD, SUB, MUL, DIV with NumPy broadcasting, as the ONNX op of the same name. When the 4-D
/// operand was left channels-first, the op runs channels-first too: a constant of lower rank
/// (a per-channel [C] vector) is aligned to NHWC from the right, then permuted, so it broadcasts
/// along the same axis as before.
/// </summary>
internal sealed class BinaryConverter : IOpConverter
{
    private static readonly Dictionary<BuiltinOperator, string> OnnxOps = new()
    {
        [BuiltinOperator.ADD] = "Add", [BuiltinOperator.SUB] = "Sub", [BuiltinOperator.MUL] = "Mul", [BuiltinOperator.DIV] = "Div",
    };

    public IReadOnlyList<BuiltinOperator> Ops { get; } = OnnxOps.Keys.ToArray();

    public void Convert(OperatorContext op)
    {
        op.Expect(2, 2);
        var layout = ChooseLayout(op);
        var operands = new[] { Operand(op, 0, layout), Operand(op, 1, layout) };
        var y = op.Node(OnnxOps[op.Op.Code.Builtin], operands);
        op.Produce(op.Activation(y, op.Options<ArithmeticOptions>().Activation), layout);
    }

    /// <summary>Channels-first when some run-time operand is there already and every run-time operand is 4-D.</summary>
    private static TensorLayout ChooseLayout(OperatorContext op)
    {
        var runtime = Enumerable.Range(0, 2).Where(k => op.Constant(k) == null).ToList();
        return runtime.Any(k => op.Preferred(k) == TensorLayout.ChannelsFirst) && runtime.All(k => op.Input(k).Rank == 4)
            ? TensorLayout.ChannelsFirst : TensorLayout.AsDeclared;
    }

    private static string Operand(OperatorContext op, int k, TensorLayout layout)
    {
        var t = op.Input(k);
        if (layout == TensorLayout.AsDeclared || t.Rank == 4) return op.Float(k, layout);
        if (t.Rank > 4) throw op.Malformed($"broadcasts a rank-{t.Rank} constant against a 4-D tensor");
        // A lower-rank constant: its float values, aligned right to rank 4, then permuted like the 4-D operand.
        var value = ConstantValues.AsFloat(op.Constant(k)!, ImportContext.IsQuantized(t) ? t.Quantization : null);
        var nhwc = Enumerable.Repeat(1, 4 - t.Rank).Concat(t.Shape).ToArray();
        return op.Initializer($"operand{k}_nchw", Layouts.Transpose(value.Reshaped(nhwc), Layouts.NhwcToNchw));
    }
}
