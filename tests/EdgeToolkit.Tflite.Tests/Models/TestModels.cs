using EdgeToolkit.Tflite.Schema;
using EdgeToolkit.Tflite.Tests.Writer;

namespace EdgeToolkit.Tflite.Tests.Models;

/// <summary>
/// The .tflite models the tests import, written with TfliteModelBuilder: a TFLite Micro style
/// CNN (conv, max pool, depthwise conv, average pool, reshape, fully connected, softmax) in float,
/// in int8 (per-channel int8 filters, int32 biases, int8 activations) and in uint8, and a float model of
/// the remaining ops (pad, add/sub/mul with broadcasting, logistic, tanh, concatenation, mean).
/// Weights are seeded random numbers.
/// </summary>
public static class TestModels
{
    /// <summary>Names as the TFLite converter gives a Keras model's signature tensors (C identifiers they are not).</summary>
    public const string Input = "serving_default_input_1:0", Output = "StatefulPartitionedCall:0";

    /// <summary>
    /// input [1,10,10,3] -> CONV 3x3 stride 2 SAME (padded 0 before, 1 after) +RELU -> MAX_POOL 2x2 stride 1 -> DEPTHWISE x2
    /// SAME +RELU6 -> AVERAGE_POOL 3x3 -> RESHAPE -> FC 32->5 -> SOFTMAX.
    /// </summary>
    public static byte[] FloatCnn() => Cnn(null, integerIo: false);

    /// <summary>The same network quantized as the TFLite converter does, with QUANTIZE/DEQUANTIZE at float edges (or int8 input and output).</summary>
    public static byte[] Int8Cnn(bool integerIo = false, bool perChannel = true) => Cnn(new CnnQuantization(new CnnWeights(Seed), perChannel), integerIo);

    /// <summary>The same network in uint8 (per-tensor asymmetric filters), as TFLite's older quantized models are.</summary>
    public static byte[] UInt8Cnn() => Cnn(new CnnQuantization(new CnnWeights(Seed), perChannelFilters: false, unsigned: true), integerIo: false);

    private const int Seed = 7;

    private static byte[] Cnn(CnnQuantization? q, bool integerIo)
    {
        var w = new CnnWeights(Seed);
        var m = new TfliteModelBuilder();
        bool quantized = q != null;

        int input = quantized && !integerIo ? m.Tensor(Input, new[] { 1, 10, 10, 3 }, TensorType.Float32)
            : m.Tensor(Input, new[] { 1, 10, 10, 3 }, q?.Type ?? TensorType.Float32, q?.Input);
        int x = input;
        if (quantized && !integerIo)
        {
            x = m.Tensor("input_quantized", new[] { 1, 10, 10, 3 }, q!.Type, q.Input);
            m.Operator(BuiltinOperator.QUANTIZE, new[] { input }, new[] { x });
        }
        var act = q?.Type ?? TensorType.Float32;

        int c1 = m.Tensor("conv1", new[] { 1, 5, 5, 4 }, act, q?.Conv1);
        m.Operator(BuiltinOperator.CONV_2D, new[] { x, Filter(m, "conv1_w", new[] { 4, 3, 3, 3 }, w.Conv1, 0, q), Bias(m, "conv1_b", w.Conv1Bias, q?.Input, w.Conv1, 0, new[] { 4, 3, 3, 3 }, q) },
            new[] { c1 }, BuiltinOptions.Conv2D(Padding.Same, 2, FusedActivation.Relu));
        int p1 = m.Tensor("pool1", new[] { 1, 4, 4, 4 }, act, q?.Conv1);
        m.Operator(BuiltinOperator.MAX_POOL_2D, new[] { c1 }, new[] { p1 }, BuiltinOptions.Pool2D(Padding.Valid, 1, 2));
        int d1 = m.Tensor("depthwise1", new[] { 1, 4, 4, 8 }, act, q?.Depthwise);
        m.Operator(BuiltinOperator.DEPTHWISE_CONV_2D, new[] { p1, Filter(m, "dw_w", new[] { 1, 3, 3, 8 }, w.Depthwise, 3, q), Bias(m, "dw_b", w.DepthwiseBias, q?.Conv1, w.Depthwise, 3, new[] { 1, 3, 3, 8 }, q) },
            new[] { d1 }, BuiltinOptions.DepthwiseConv2D(Padding.Same, 1, 2, FusedActivation.Relu6));
        int p2 = m.Tensor("pool2", new[] { 1, 2, 2, 8 }, act, q?.Depthwise);
        // 3x3: a mean of 9 integers is never half-way between two, so no reference's rounding of ties can
        // move it a step (Arm NN rounds the float mean half away from zero, ONNX Runtime half to even).
        m.Operator(BuiltinOperator.AVERAGE_POOL_2D, new[] { d1 }, new[] { p2 }, BuiltinOptions.Pool2D(Padding.Valid, 1, 3));
        int r = m.Tensor("flatten", new[] { 1, 32 }, act, q?.Depthwise);
        m.Operator(BuiltinOperator.RESHAPE, new[] { p2, m.Constant("flatten_shape", new[] { 2 }, new[] { 1, 32 }) }, new[] { r }, BuiltinOptions.Reshape(new[] { 1, 32 }));
        int f = m.Tensor("logits", new[] { 1, 5 }, act, q?.Logits);
        m.Operator(BuiltinOperator.FULLY_CONNECTED, new[] { r, Filter(m, "fc_w", new[] { 5, 32 }, w.Dense, 0, q), Bias(m, "fc_b", w.DenseBias, q?.Depthwise, w.Dense, 0, new[] { 5, 32 }, q) },
            new[] { f }, BuiltinOptions.FullyConnected());
        int y = m.Tensor(quantized && !integerIo ? "probabilities_quantized" : Output, new[] { 1, 5 }, act, q?.Probabilities);
        m.Operator(BuiltinOperator.SOFTMAX, new[] { f }, new[] { y }, BuiltinOptions.Softmax(1f));
        int output = y;
        if (quantized && !integerIo)
        {
            output = m.Tensor(Output, new[] { 1, 5 }, TensorType.Float32);
            m.Operator(BuiltinOperator.DEQUANTIZE, new[] { y }, new[] { output });
        }
        m.Inputs(input);
        m.Outputs(output);
        return m.Build();
    }

    /// <summary>Float weights, or int8 ones quantized symmetrically (per output channel along `axis`, or per tensor).</summary>
    private static int Filter(TfliteModelBuilder m, string name, int[] shape, float[] w, int axis, CnnQuantization? q)
    {
        if (q == null) return m.Constant(name, shape, w);
        var (values, scales) = q.Filter(w, shape, axis);
        if (q.Unsigned) return m.Constant(name, shape, values.Select(v => (byte)(v + 128)).ToArray(), new Quant(scales, new long[] { 128 }, axis));
        return m.Constant(name, shape, values, new Quant(scales, new long[scales.Length], axis));
    }

    /// <summary>Float bias, or int32 in units of input scale * filter scale (TFLite's bias quantization).</summary>
    private static int Bias(TfliteModelBuilder m, string name, float[] b, Quant? input, float[] w, int axis, int[] filterShape, CnnQuantization? q)
    {
        if (q == null) return m.Constant(name, new[] { b.Length }, b);
        var (_, filterScales) = q.Filter(w, filterShape, axis);
        var scales = filterScales.Select(s => input!.Scales[0] * s).ToArray();
        var bias = b.Select((v, c) => (int)Math.Round(v / scales[scales.Length == 1 ? 0 : c])).ToArray();
        return m.Constant(name, new[] { b.Length }, bias, new Quant(scales, new long[scales.Length]));
    }

    /// <summary>
    /// input [1,6,6,4] -> PAD 1 -> CONV 3x3 VALID -> PAD (0,1) on H, (1,0) on W, now channels-first -> ADD [6]
    /// -> (LOGISTIC * TANH) -> CONCATENATION with the sum -> SUB [1] +RELU (an output: a channels-first value
    /// leaves the graph) -> MEAN over H,W -> FC 12->3; and MEAN over the channels, keep_dims (an output).
    /// </summary>
    public static byte[] FloatOps()
    {
        var rng = new Random(11);
        float[] Random(int n, float scale) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
        var m = new TfliteModelBuilder();
        var f = TensorType.Float32;
        int x = m.Tensor(Input, new[] { 1, 6, 6, 4 }, f);
        int padded = m.Tensor("padded", new[] { 1, 8, 8, 4 }, f);
        m.Operator(BuiltinOperator.PAD, new[] { x, m.Constant("paddings", new[] { 4, 2 }, new[] { 0, 0, 1, 1, 1, 1, 0, 0 }) }, new[] { padded });
        int conv = m.Tensor("conv", new[] { 1, 6, 6, 6 }, f);
        m.Operator(BuiltinOperator.CONV_2D, new[] { padded, m.Constant("conv_w", new[] { 6, 3, 3, 4 }, Random(216, 0.4f)), m.Constant("conv_b", new[] { 6 }, Random(6, 0.1f)) },
            new[] { conv }, BuiltinOptions.Conv2D(Padding.Valid, 1, FusedActivation.None));
        int shape = 7;
        int repadded = m.Tensor("repadded", new[] { 1, shape, shape, 6 }, f);
        m.Operator(BuiltinOperator.PAD, new[] { conv, m.Constant("asymmetric_paddings", new[] { 4, 2 }, new[] { 0, 0, 0, 1, 1, 0, 0, 0 }) }, new[] { repadded });
        int[] map = { 1, shape, shape, 6 };
        int sum = m.Tensor("sum", map, f);
        m.Operator(BuiltinOperator.ADD, new[] { repadded, m.Constant("offset", new[] { 6 }, Random(6, 0.5f)) }, new[] { sum }, BuiltinOptions.Add());
        int sigmoid = m.Tensor("sigmoid", map, f), tanh = m.Tensor("tanh", map, f), gated = m.Tensor("gated", map, f);
        m.Operator(BuiltinOperator.LOGISTIC, new[] { sum }, new[] { sigmoid });
        m.Operator(BuiltinOperator.TANH, new[] { sum }, new[] { tanh });
        m.Operator(BuiltinOperator.MUL, new[] { sigmoid, tanh }, new[] { gated }, BuiltinOptions.Mul());
        int[] wide = { 1, shape, shape, 12 };
        int joined = m.Tensor("joined", wide, f);
        m.Operator(BuiltinOperator.CONCATENATION, new[] { gated, sum }, new[] { joined }, BuiltinOptions.Concatenation(-1));
        int shifted = m.Tensor("shifted", wide, f);
        m.Operator(BuiltinOperator.SUB, new[] { joined, m.Constant("shift", new[] { 1 }, new[] { 0.1f }) }, new[] { shifted }, BuiltinOptions.Sub(FusedActivation.Relu));
        int mean = m.Tensor("mean", new[] { 1, 12 }, f);
        m.Operator(BuiltinOperator.MEAN, new[] { shifted, m.Constant("axes", new[] { 2 }, new[] { 1, 2 }) }, new[] { mean }, BuiltinOptions.Reducer(keepDims: false));
        int y = m.Tensor(Output, new[] { 1, 3 }, f);
        m.Operator(BuiltinOperator.FULLY_CONNECTED, new[] { mean, m.Constant("fc_w", new[] { 3, 12 }, Random(36, 0.5f)), m.Constant("fc_b", new[] { 3 }, Random(3, 0.1f)) }, new[] { y }, BuiltinOptions.FullyConnected());
        int channelMean = m.Tensor("channel_mean", new[] { 1, shape, shape, 1 }, f);
        m.Operator(BuiltinOperator.MEAN, new[] { shifted, m.Constant("channel_axis", new[] { 1 }, new[] { 3 }) }, new[] { channelMean }, BuiltinOptions.Reducer(keepDims: true));
        m.Inputs(x);
        m.Outputs(y, shifted, channelMean);
        return m.Build();
    }
}
