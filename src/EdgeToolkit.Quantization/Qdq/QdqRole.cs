namespace EdgeToolkit.Quantization.Qdq;

/// <summary>What quantization does to a node (docs/quantization.md has the table).</summary>
public enum QdqRole
{
    /// <summary>Conv, Gemm, MatMul with a constant weight: int8 weights per channel, int32 bias, Q/DQ on input and output.</summary>
    Weighted,
    /// <summary>Add, Mul, Tanh, Sigmoid, GlobalAveragePool: Q/DQ on every input and the output.</summary>
    Elementwise,
    /// <summary>MaxPool, Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Identity: the output reuses the input's parameters.</summary>
    PassThrough,
    /// <summary>LSTM, GRU, RNN with constant W and R: int8 weights per gate row behind a DequantizeLinear; activations and state stay float.</summary>
    WeightOnly,
    /// <summary>Relu or Clip right after a quantized Conv/Gemm: shares that node's output Q (no Q between them).</summary>
    FusedActivation,
}
