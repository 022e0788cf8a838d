namespace EdgeToolkit.Graph.Ops.Recurrent;

// The weight-only int8 recurrent ops (domain edgetk) that QDQ lowering makes of DequantizeLinear(int8) -> LSTM/GRU/RNN:
// the same cells on W and R dequantized row by row, so that the weights stay int8 in flash.

/// <summary>edgetk LSTM: ONNX LSTM inputs with int8 W and R, then the float32 row scales of W and R.</summary>
public sealed class Int8WeightLstmOperator : LstmOperator
{
    public override string Domain => "edgetk";
    internal override bool Int8Weights => true;
}

/// <summary>edgetk GRU: ONNX GRU inputs with int8 W and R, then the float32 row scales of W and R.</summary>
public sealed class Int8WeightGruOperator : GruOperator
{
    public override string Domain => "edgetk";
    internal override bool Int8Weights => true;
}

/// <summary>edgetk RNN: ONNX RNN inputs with int8 W and R, then the float32 row scales of W and R.</summary>
public sealed class Int8WeightRnnOperator : RnnOperator
{
    public override string Domain => "edgetk";
    internal override bool Int8Weights => true;
}
