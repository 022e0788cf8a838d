namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

// The edgetk recurrent ops with int8 W and R (RecurrentWeightsLoweringRule): the float kernels reading
// int8 weights through W_AT/R_AT and scaling each row's sums once.

/// <summary>edgetk LSTM: int8 W and R, per-row scales.</summary>
public sealed class Int8WeightLstmEmitter : LstmEmitter
{
    public override string Domain => "edgetk";
    internal override bool Int8Weights => true;
}

/// <summary>edgetk GRU: int8 W and R, per-row scales.</summary>
public sealed class Int8WeightGruEmitter : GruEmitter
{
    public override string Domain => "edgetk";
    internal override bool Int8Weights => true;
}

/// <summary>edgetk RNN: int8 W and R, per-row scales.</summary>
public sealed class Int8WeightRnnEmitter : RnnEmitter
{
    public override string Domain => "edgetk";
    internal override bool Int8Weights => true;
}
