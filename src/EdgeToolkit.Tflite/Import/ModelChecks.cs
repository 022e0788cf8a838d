using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Import;

/// <summary>
/// What the importer requires of a model before it converts anything: one subgraph, static
/// shapes, element types and quantizations it can express in ONNX. Only tensors the subgraph
/// actually uses are checked.
/// </summary>
internal static class ModelChecks
{
    public static TfliteSubgraph SingleSubgraph(TfliteModelFile model, string file)
    {
        if (model.Version != 3)
            throw TfliteErrors.Unsupported(file, $"the model uses TFLite schema version {model.Version}; the importer reads version 3",
                "re-convert the model with a current TFLite converter");
        if (model.Subgraphs.Count == 0) throw TfliteErrors.Corrupt(file, "the model has no subgraph");
        if (model.Subgraphs.Count > 1)
            throw TfliteErrors.Unsupported(file, $"the model has {model.Subgraphs.Count} subgraphs (control flow such as WHILE, IF or CALL_ONCE)",
                "EdgeToolkit imports single-subgraph models, as TFLite Micro's usual ones are: convert without control flow, or export the model to ONNX");
        return model.Subgraphs[0];
    }

    public static void Tensors(TfliteSubgraph subgraph, ImportContext values, string file)
    {
        var used = subgraph.Inputs.Concat(subgraph.Outputs)
            .Concat(subgraph.Operators.SelectMany(o => o.Inputs.Concat(o.Outputs))).Where(i => i >= 0).Distinct().Order();
        foreach (var index in used) Tensor(values.TensorAt(index), values, file);
    }

    private static void Tensor(TfliteTensor t, ImportContext values, string file)
    {
        string Name() => $"tensor {t.Index} '{t.Name}'";
        var type = TensorTypes.ToDataType(t.Type);
        if (type == null)
            throw TfliteErrors.Unsupported(file, $"{Name()} has element type {t.Type}", "EdgeToolkit computes on float, int8/uint8 and integer index tensors");
        int dynamic = DynamicDimension(t);
        if (dynamic >= 0)
            throw TfliteErrors.Unsupported(file, $"{Name()} has a dynamic dimension {dynamic} (shape [{string.Join("x", t.Shape)}], signature [{string.Join("x", t.ShapeSignature)}])",
                "EdgeToolkit compiles static shapes: convert the model with fixed input shapes (only the batch may be left dynamic)");
        if (t.IsSparse)
            throw TfliteErrors.Unsupported(file, $"{Name()} is stored sparse", "convert without sparsity (or densify the weights)");
        if (t.IsVariable)
            throw TfliteErrors.Unsupported(file, $"{Name()} is a variable (state kept between invocations)",
                "export the state as an explicit model input and output instead");
        bool constant = values.Constant(t.Index) != null;
        if (type == DataType.Float16 && !constant)
            throw TfliteErrors.Unsupported(file, $"{Name()} is float16 at run time", "EdgeToolkit computes in float32; convert with float32 activations");
        if (ImportContext.IsQuantized(t)) Quantization(t, type.Value, constant, file);
    }

    /// <summary>
    /// The first dynamic dim, or -1. The converter writes the shape it traced with and marks dynamic
    /// dims -1 in shape_signature; a dynamic batch (dim 0) alone is compiled at the stored size, as
    /// TFLite Micro runs it.
    /// </summary>
    private static int DynamicDimension(TfliteTensor t)
    {
        for (int i = 0; i < t.Rank; i++)
            if (t.Shape[i] < 0 || i > 0 && t.ShapeSignature.Length == t.Rank && t.ShapeSignature[i] < 0) return i;
        return -1;
    }

    private static void Quantization(TfliteTensor t, DataType type, bool constant, string file)
    {
        var q = t.Quantization!;
        string name = $"tensor {t.Index} '{t.Name}'";
        if (q.HasCustomDetails)
            throw TfliteErrors.Unsupported(file, $"{name} uses a custom quantization scheme", "re-convert with standard (scale, zero point) quantization");
        if (!QdqParameters.IsQuantizedType(type))
            throw TfliteErrors.Unsupported(file, $"{name} is quantized as {type.OnnxName()}",
                "EdgeToolkit imports int8 and uint8 quantized models (int32 biases); int16 activations (16x8) are not mapped yet");
        if (q.Scales.Any(s => !(s > 0) || !float.IsFinite(s)))
            throw TfliteErrors.Corrupt(file, $"{name} has a quantization scale that is not a positive finite number");
        if (!QdqParameters.ZeroPointsFit(q, type))
            throw TfliteErrors.Corrupt(file, $"{name} has a zero point outside the range of {type.OnnxName()}");
        if (!q.PerChannel) return;
        if (!constant)
            throw TfliteErrors.Unsupported(file, $"{name} is quantized per channel but computed at run time",
                "TFLite quantizes activations per tensor; re-convert the model");
        if (q.Axis < 0 || q.Axis >= t.Rank || t.Shape[q.Axis] != q.Scales.Length)
            throw TfliteErrors.Corrupt(file, $"{name} has {q.Scales.Length} scales along dimension {q.Axis} of shape [{string.Join("x", t.Shape)}]");
    }
}
