using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Tests.Support;

/// <summary>
/// Hand-built QDQ graphs for tests of lowering, integer kernels and C: puts Q/DQ pairs on
/// activations with given parameters and int8 per-channel weights / int32 biases behind DQ, the
/// way ONNX Runtime's and our quantizer's files look.
/// </summary>
public sealed class QdqBuild
{
    public GraphBuilder B { get; }
    public QdqBuild(string name, int opset = 17) { B = new GraphBuilder(name, opset); }

    /// <summary>value -> QuantizeLinear(p) -> DequantizeLinear(p); returns the dequantized value's name.</summary>
    public string Activation(string value, QuantParams p, string tag)
    {
        var s = B.Constant($"{tag}_scale", Tensor.Scalar(p.Scale));
        var z = B.Constant($"{tag}_zp", p.Type == DataType.Int16
            ? new Tensor(DataType.Int16, Array.Empty<int>(), new[] { (short)p.ZeroPoint })
            : new Tensor(DataType.Int8, Array.Empty<int>(), new[] { (sbyte)p.ZeroPoint }));
        var q = B.OpNamed($"{tag}_q", "QuantizeLinear", new[] { value, s, z });
        return B.OpNamed($"{tag}_dq", "DequantizeLinear", new[] { q, s, z });
    }

    /// <summary>Symmetric int8 weights, one scale per slice along axis; returns the DQ output and the scales.</summary>
    public (string Value, float[] Scales) Weight(string tag, Tensor w, int axis)
    {
        var f = w.Floats;
        int channels = w.Shape[axis], inner = 1;
        for (int d = axis + 1; d < w.Rank; d++) inner *= w.Shape[d];
        var absMax = new float[channels];
        for (int i = 0; i < f.Length; i++) { int c = i / inner % channels; absMax[c] = Math.Max(absMax[c], Math.Abs(f[i])); }
        var scales = absMax.Select(QuantParams.SymmetricScale).ToArray();
        var q = new sbyte[f.Length];
        for (int i = 0; i < f.Length; i++)
        {
            int c = i / inner % channels;
            q[i] = (sbyte)Math.Clamp((int)FixedPoint.RoundHalfToEven(f[i] / scales[c]), -127, 127);
        }
        var wq = B.Constant($"{tag}_quantized", new Tensor(DataType.Int8, w.Shape, q));
        var s = B.Constant($"{tag}_scale", Tensor.FromFloats(new[] { channels }, scales));
        var z = B.Constant($"{tag}_zp", new Tensor(DataType.Int8, new[] { channels }, new sbyte[channels]));
        return (B.OpNamed($"{tag}_dq", "DequantizeLinear", new[] { wq, s, z }, NodeAttribute.Of("axis", (long)axis)), scales);
    }

    /// <summary>int32 bias in units of inputScale * weightScales[c], behind a DQ (axis 0).</summary>
    public string Bias(string tag, float[] b, float inputScale, float[] weightScales)
    {
        var scales = weightScales.Select(ws => inputScale * ws).ToArray();
        var q = b.Select((v, c) => (int)Math.Clamp(Math.Round(v / scales[c], MidpointRounding.ToEven), int.MinValue, int.MaxValue)).ToArray();
        var bq = B.Constant($"{tag}_quantized", Tensor.FromInt32s(new[] { b.Length }, q));
        var s = B.Constant($"{tag}_scale", Tensor.FromFloats(new[] { b.Length }, scales));
        var z = B.Constant($"{tag}_zp", Tensor.FromInt32s(new[] { b.Length }, new int[b.Length]));
        return B.OpNamed($"{tag}_dq", "DequantizeLinear", new[] { bq, s, z }, NodeAttribute.Of("axis", 0L));
    }
}
