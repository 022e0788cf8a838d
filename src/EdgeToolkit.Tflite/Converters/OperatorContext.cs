using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>One operator being converted: its tensors by position, its options, and the graph-building calls of ImportContext bound to it.</summary>
internal sealed class OperatorContext
{
    private readonly ImportContext _values;
    public TfliteOperator Op { get; }

    public OperatorContext(ImportContext values, TfliteOperator op) { _values = values; Op = op; }

    public bool HasInput(int k) => k < Op.Inputs.Length && Op.Inputs[k] >= 0;
    public TfliteTensor Input(int k) => HasInput(k) ? _values.TensorAt(Op.Inputs[k]) : throw Malformed($"has no input {k}");
    public TfliteTensor Output(int k = 0) => k < Op.Outputs.Length ? _values.TensorAt(Op.Outputs[k]) : throw Malformed($"has no output {k}");
    public int InputCount => Op.Inputs.Length;

    public T Options<T>() where T : class => Op.Options as T ?? throw Malformed($"has no {typeof(T).Name}");

    /// <summary>Checks the operator's arity against TFLite's definition of the op.</summary>
    public void Expect(int minInputs, int maxInputs, int outputs = 1)
    {
        if (Op.Inputs.Length < minInputs || Op.Inputs.Length > maxInputs)
            throw Malformed(minInputs == maxInputs ? $"has {Op.Inputs.Length} inputs; {Op.Code.DisplayName} takes {minInputs}"
                : $"has {Op.Inputs.Length} inputs; {Op.Code.DisplayName} takes {minInputs} to {maxInputs}");
        if (Op.Outputs.Length != outputs) throw Malformed($"has {Op.Outputs.Length} outputs; {Op.Code.DisplayName} writes {outputs}");
        for (int k = 0; k < minInputs; k++) if (!HasInput(k)) throw Malformed($"omits its required input {k}");
    }

    public Tensor? Constant(int k) => HasInput(k) ? _values.Constant(Op.Inputs[k]) : null;

    /// <summary>An input TFLite fills from a constant (axes, paddings, shapes); one computed at run time is not supported.</summary>
    public Tensor RequireConstant(int k, string role) => Constant(k)
        ?? throw Unsupported($"its {role} (input {k}, '{Input(k).Name}') is computed at run time", "EdgeToolkit compiles static graphs: make the " + role + " a constant when converting the model");

    /// <summary>The layout input k is best read in: channels-first when it is a 4-D tensor an earlier op left channels-first.</summary>
    public TensorLayout Preferred(int k) =>
        Input(k).Rank == 4 && Constant(k) == null && _values.ProducedIn(Op.Inputs[k], Op) == TensorLayout.ChannelsFirst
            ? TensorLayout.ChannelsFirst : TensorLayout.AsDeclared;

    public string Float(int k, TensorLayout layout) => _values.Float(Op.Inputs[k], layout, Op);
    public string Stored(int k, TensorLayout layout) => _values.Stored(Op.Inputs[k], layout, Op);
    public string PermutedFloatConstant(int k, int[] perm) => _values.PermutedFloatConstant(Op.Inputs[k], perm, Op);

    public string DequantizedCopy(int k, TensorLayout layout) => _values.DequantizedCopy(Op.Inputs[k], layout, Op);
    public string FloatOfStored(string stored, int k) => _values.FloatOfStored(stored, Op.Inputs[k]);
    public string QuantizedLikeOutput(string floatValue, int k = 0) => _values.QuantizedLike(floatValue, Op.Outputs[k]);

    public void Produce(string floatValue, TensorLayout layout, int k = 0) => _values.Produce(Op.Outputs[k], floatValue, layout, Op);
    public void ProduceStored(string storedValue, TensorLayout layout, int k = 0) => _values.ProduceStored(Op.Outputs[k], storedValue, layout, Op);

    public string Node(string opType, IEnumerable<string> inputs, params NodeAttribute[] attributes) => _values.Emit.Node(opType, inputs, attributes);
    public string Initializer(string suffix, Tensor value) => _values.Emit.OperatorInitializer(suffix, value);

    /// <summary>The op's fused activation applied to its float result.</summary>
    public string Activation(string value, FusedActivation activation) => activation switch
    {
        FusedActivation.None => value,
        FusedActivation.Relu => Node("Relu", new[] { value }),
        FusedActivation.Relu6 => Clip(value, 0f, 6f),
        FusedActivation.ReluN1To1 => Clip(value, -1f, 1f),
        FusedActivation.Tanh => Node("Tanh", new[] { value }),
        _ => throw Unsupported($"its fused activation {activation} has no ONNX equivalent", "re-convert the model with the activation as a separate op"),
    };

    public string Clip(string value, float min, float max) =>
        Node("Clip", new[] { value, Initializer("min", Tensor.Scalar(min)), Initializer("max", Tensor.Scalar(max)) });

    public EdgeToolkitException Unsupported(string problem, string hint) => TfliteErrors.Unsupported(_values.File, problem, hint, Op);
    public EdgeToolkitException Malformed(string problem) => TfliteErrors.Malformed(_values.File, Op, problem);
}
