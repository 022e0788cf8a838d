namespace EdgeToolkit.Tflite.Schema;

// The builtin options of the ops the importer maps (schema.fbs tables of the same names).

public sealed record Conv2DOptions(Padding Padding, int StrideW, int StrideH, FusedActivation Activation, int DilationW, int DilationH);

public sealed record DepthwiseConv2DOptions(Padding Padding, int StrideW, int StrideH, int DepthMultiplier, FusedActivation Activation,
    int DilationW, int DilationH);

public sealed record Pool2DOptions(Padding Padding, int StrideW, int StrideH, int FilterWidth, int FilterHeight, FusedActivation Activation);

/// <param name="WeightsFormat">0 is the plain [units, inputs] layout; 1 (SHUFFLED4x16INT8) is a kernel-specific shuffle.</param>
public sealed record FullyConnectedOptions(FusedActivation Activation, int WeightsFormat, bool KeepNumDims);

public sealed record SoftmaxOptions(float Beta);

public sealed record ConcatenationOptions(int Axis, FusedActivation Activation);

/// <summary>AddOptions, SubOptions, MulOptions (and DivOptions): only the fused activation matters here.</summary>
public sealed record ArithmeticOptions(FusedActivation Activation);

public sealed record ReducerOptions(bool KeepDims);

public sealed record LeakyReluOptions(float Alpha);
