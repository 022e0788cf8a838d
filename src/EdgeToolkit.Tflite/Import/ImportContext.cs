using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Import;

/// <summary>
/// The graph being built and what each TFLite tensor has become in it. A tensor's "stored" value
/// holds its elements in its own type (int8 for a quantized activation), in the declared or the
/// channels-first layout; its "float" view is the stored value itself for float tensors and a
/// DequantizeLinear of it for quantized ones. Every layout and view is made once, when an op
/// first asks for it, so a tensor read by several ops is transposed or dequantized only once.
/// </summary>
internal sealed class ImportContext
{
    public GraphEmitter Emit { get; }
    public string File { get; }

    private readonly TfliteSubgraph _subgraph;
    private readonly IReadOnlyList<ArraySegment<byte>> _buffers;
    private readonly string[] _names;
    private readonly Dictionary<(int Tensor, TensorLayout Layout), string> _stored = new();
    private readonly Dictionary<int, TensorLayout> _producedIn = new();
    private readonly Dictionary<string, string> _floatViews = new();
    private readonly Dictionary<int, Tensor?> _constants = new();
    private readonly Dictionary<(int Tensor, string Perm), string> _permuted = new();
    private readonly Dictionary<(int Tensor, int Axis), (string Scale, string ZeroPoint)> _qdqInputs = new();

    public ImportContext(ModelGraph graph, TfliteSubgraph subgraph, IReadOnlyList<ArraySegment<byte>> buffers, string file)
    {
        Emit = new GraphEmitter(graph); _subgraph = subgraph; _buffers = buffers; File = file;
        // TFLite does not require unique tensor names; graph values must be unique, so repeats get their index.
        _names = new string[subgraph.Tensors.Count];
        foreach (var t in subgraph.Tensors)
        {
            var name = t.Name.Length > 0 ? t.Name : $"tensor_{t.Index}";
            _names[t.Index] = Emit.Claim(name) ? name : Emit.Fresh($"{name}_{t.Index}");
        }
    }

    public TfliteTensor TensorAt(int index) => _subgraph.Tensors[index];
    public string NameOf(int index) => _names[index];
    public static DataType TypeOf(TfliteTensor t) => TensorTypes.ToDataType(t.Type) ?? throw new InvalidOperationException($"tensor {t.Index} has unchecked type {t.Type}");

    /// <summary>Quantized here means: an integer tensor whose values stand for scale * (q - zero point).</summary>
    public static bool IsQuantized(TfliteTensor t) => t.IsQuantized && t.Type != TensorType.Float32;

    /// <summary>
    /// The constant value of a tensor with data in its buffer, null for one computed at run time.
    /// float16 constants (weights of float16-quantized models) are widened to float32 here, as
    /// the DEQUANTIZE that reads them would at run time.
    /// </summary>
    public Tensor? Constant(int index)
    {
        if (_constants.TryGetValue(index, out var cached)) return cached;
        var t = TensorAt(index);
        Tensor? value = null;
        if (t.Buffer != 0 && _buffers[(int)t.Buffer].Count > 0)
        {
            value = TensorTypes.Decode(t, TypeOf(t), _buffers[(int)t.Buffer], File);
            if (value.Type == DataType.Float16) value = Tensor.FromFloats(value.Shape, ((Half[])value.Data).Select(h => (float)h).ToArray());
        }
        return _constants[index] = value;
    }

    public void DeclareGraphInput(int index)
    {
        _stored[(index, TensorLayout.AsDeclared)] = _names[index];
        _producedIn[index] = TensorLayout.AsDeclared;
    }

    /// <summary>The layout a run-time tensor was computed in (constants and graph inputs: as declared).</summary>
    public TensorLayout ProducedIn(int index, TfliteOperator? reader) =>
        Constant(index) != null ? TensorLayout.AsDeclared
        : _producedIn.TryGetValue(index, out var layout) ? layout
        : throw (reader != null
            ? TfliteErrors.Malformed(File, reader, $"reads tensor {index} '{_names[index]}' before any operator writes it (operators must be in execution order)")
            : TfliteErrors.Corrupt(File, $"the subgraph's output tensor {index} '{_names[index]}' is written by no operator"));

    /// <summary>The tensor's elements in its own type, in `layout` (a Transpose, or a permuted constant, the first time). `reader` (null: the graph's outputs) is for errors.</summary>
    public string Stored(int index, TensorLayout layout, TfliteOperator? reader)
    {
        if (_stored.TryGetValue((index, layout), out var name)) return name;
        if (Constant(index) != null)
            return PermutedConstant(index, layout == TensorLayout.ChannelsFirst ? Layouts.NhwcToNchw : Enumerable.Range(0, TensorAt(index).Rank).ToArray(), reader);
        var from = ProducedIn(index, reader);
        var source = Stored(index, from, reader);
        name = StoredName(index, layout);
        Emit.Add(new Node(name, "Transpose", new[] { source }, new[] { name })
            .With(NodeAttribute.Of("perm", Layouts.Permutation(from, layout).Select(p => (long)p).ToArray())));
        return _stored[(index, layout)] = name;
    }

    /// <summary>The float value an op computes on: the stored value, dequantized when the tensor is quantized.</summary>
    public string Float(int index, TensorLayout layout, TfliteOperator reader) =>
        FloatView(Stored(index, layout, reader), TensorAt(index), layout == TensorLayout.ChannelsFirst ? Layouts.NhwcToNchw : null);

    /// <summary>
    /// A constant transposed by `perm` (conv weights: OHWI to OIHW, or [1,H,W,C] to [C,1,H,W] for
    /// depthwise), as a float view; a per-channel quantization axis moves with its dimension.
    /// </summary>
    public string PermutedFloatConstant(int index, int[] perm, TfliteOperator reader) =>
        FloatView(PermutedConstant(index, perm, reader), TensorAt(index), perm);

    private string PermutedConstant(int index, int[] perm, TfliteOperator? reader)
    {
        var value = Constant(index) ?? throw new InvalidOperationException($"tensor {index} '{_names[index]}' is not a constant");
        var key = (index, string.Join(",", perm));
        if (_permuted.TryGetValue(key, out var name)) return name;
        bool identity = perm.Select((p, i) => p == i).All(same => same);
        name = identity ? _names[index] : Emit.Fresh($"{_names[index]}_{string.Join("", perm)}");
        Emit.Graph.Initializers[name] = identity ? value : Layouts.Transpose(value, perm);
        if (identity) _stored[(index, TensorLayout.AsDeclared)] = name;
        else if (perm.SequenceEqual(Layouts.NhwcToNchw)) _stored[(index, TensorLayout.ChannelsFirst)] = name;
        return _permuted[key] = name;
    }

    /// <summary>A DequantizeLinear of `stored` (held permuted by `perm`, or as declared when null); float tensors pass through.</summary>
    private string FloatView(string stored, TfliteTensor t, int[]? perm)
    {
        if (!IsQuantized(t)) return stored;
        if (_floatViews.TryGetValue(stored, out var view)) return view;
        var q = t.Quantization!;
        int axis = q.PerChannel ? (perm == null ? q.Axis : Array.IndexOf(perm, q.Axis)) : -1;
        var (scale, zeroPoint) = QdqInputs(t, axis);
        view = Emit.Fresh($"{stored}/dequantized");
        var dq = new Node(view, "DequantizeLinear", new[] { stored, scale, zeroPoint }, new[] { view });
        if (axis >= 0) dq.With(NodeAttribute.Of("axis", (long)axis));
        Emit.Add(dq);
        return _floatViews[stored] = view;
    }

    /// <summary>A DequantizeLinear of its own (not the shared view), for DEQUANTIZE, whose result is a tensor of the model.</summary>
    public string DequantizedCopy(int index, TensorLayout layout, TfliteOperator reader)
    {
        var stored = Stored(index, layout, reader);
        var t = TensorAt(index);
        if (!IsQuantized(t)) return stored;
        var (scale, zeroPoint) = QdqInputs(t, -1);
        return Emit.Node("DequantizeLinear", new[] { stored, scale, zeroPoint });
    }

    /// <summary>The float view of a value holding tensor `index`'s elements in another shape (a flattened int8 activation).</summary>
    public string FloatOfStored(string stored, int index) => FloatView(stored, TensorAt(index), null);

    /// <summary>`floatValue` quantized with tensor `index`'s parameters into a new value (not yet the tensor), or itself for a float tensor.</summary>
    public string QuantizedLike(string floatValue, int index)
    {
        var t = TensorAt(index);
        if (!IsQuantized(t)) return floatValue;
        var (scale, zeroPoint) = QdqInputs(t, -1);
        return Emit.Node("QuantizeLinear", new[] { floatValue, scale, zeroPoint });
    }

    /// <summary>Gives tensor `index` its value: `floatValue` quantized when the tensor is quantized, else that value itself.</summary>
    public void Produce(int index, string floatValue, TensorLayout layout, TfliteOperator writer)
    {
        var t = TensorAt(index);
        var target = Reserve(index, layout, writer);
        if (IsQuantized(t))
        {
            var (scale, zeroPoint) = QdqInputs(t, -1);
            Emit.Add(new Node(target, "QuantizeLinear", new[] { floatValue, scale, zeroPoint }, new[] { target }));
        }
        else Emit.Alias(floatValue, target);
    }

    /// <summary>Gives tensor `index` a value that already holds its elements in its own type (a Reshape of an int8 tensor).</summary>
    public void ProduceStored(int index, string storedValue, TensorLayout layout, TfliteOperator writer) =>
        Emit.Alias(storedValue, Reserve(index, layout, writer));

    private string Reserve(int index, TensorLayout layout, TfliteOperator writer)
    {
        if (_producedIn.ContainsKey(index) || Constant(index) != null)
            throw TfliteErrors.Malformed(File, writer, $"writes tensor {index} '{_names[index]}', which is a constant, a graph input or written by an earlier operator");
        _producedIn[index] = layout;
        return _stored[(index, layout)] = StoredName(index, layout);
    }

    private string StoredName(int index, TensorLayout layout) =>
        layout == TensorLayout.AsDeclared ? _names[index] : Emit.Fresh($"{_names[index]}_nchw");

    private (string Scale, string ZeroPoint) QdqInputs(TfliteTensor t, int axis)
    {
        if (_qdqInputs.TryGetValue((t.Index, axis), out var names)) return names;
        var q = t.Quantization!;
        var baseName = _names[t.Index];
        names = (Emit.Initializer($"{baseName}/scale", QdqParameters.Scale(q)), Emit.Initializer($"{baseName}/zero_point", QdqParameters.ZeroPoint(q, TypeOf(t))));
        return _qdqInputs[(t.Index, axis)] = names;
    }

    /// <summary>Starts an operator: the nodes it adds are named after its first output tensor.</summary>
    public void BeginOperator(TfliteOperator op) =>
        Emit.BeginOperator(op.Outputs.Length > 0 ? _names[op.Outputs[0]] : $"operator_{op.Index}");
}
