namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>How a scale or zero point of a quantized MatMul operand spreads over it.</summary>
public enum MatMulParamKind
{
    /// <summary>One value for the whole operand.</summary>
    PerTensor,
    /// <summary>One value per row of A (or per column of B), the same in every batch.</summary>
    PerVector,
    /// <summary>Per row (column) and varying along batch dims, numpy-broadcast: [D1, D2, M, 1] for A, [D1, D2, 1, N] for B.</summary>
    Batched,
}

/// <summary>
/// The quantization parameters of QLinearMatMul and MatMulInteger operands: per tensor, per row of
/// A (shape [M], the spec's 2-D form, or [..., M, 1]) or per column of B ([N] or [..., 1, N]).
/// Map gives, for each (batch of the operand, row m) of A or (batch, column n) of B, the index of
/// its parameter, so evaluator and emitters read the same element.
/// </summary>
public static class MatMulQuantParams
{
    /// <summary>The kind, or null with the reason when the shape fits neither form.</summary>
    public static (MatMulParamKind Kind, string? Why) Classify(int[] operand, int[] param, bool ofA)
    {
        var (batch, vector) = Split(operand, ofA);
        long count = Tensor.ElementCountOf(param);
        if (count == 1) return (MatMulParamKind.PerTensor, null);
        string what = ofA ? "row of A" : "column of B";
        if (param.Length == 1 && param[0] == vector) return (MatMulParamKind.PerVector, null);
        int unit = ofA ? param.Length - 1 : param.Length - 2;
        if (param.Length >= 2 && param[unit] == 1)
        {
            var reduced = Reduced(param, ofA);
            var target = batch.Append(vector).ToArray();
            bool fits = reduced.Length <= target.Length
                && reduced.Select((d, i) => d == 1 || d == target[target.Length - reduced.Length + i]).All(ok => ok);
            if (!fits) return (default, $"shape [{string.Join("x", param)}] does not broadcast onto each {what} [{string.Join("x", operand)}]");
            return (reduced[..^1].All(d => d == 1) && reduced[^1] == vector ? MatMulParamKind.PerVector : MatMulParamKind.Batched, null);
        }
        return (default, $"shape [{string.Join("x", param)}] is neither one value nor one per {what} [{string.Join("x", operand)}] " +
                         (ofA ? "([M] or [..., M, 1])" : "([N] or [..., 1, N])"));
    }

    /// <summary>
    /// For each (operand batch index, row or column) in row-major order, the flat index of its
    /// parameter. The operand's batch dims are those left of its matrix (none for 1-D operands).
    /// </summary>
    public static int[] Map(int[] operand, int[] param, bool ofA)
    {
        var (kind, why) = Classify(operand, param, ofA);
        if (why != null) throw new ArgumentException(why);
        var (batch, vector) = Split(operand, ofA);
        int total = (int)Tensor.ElementCountOf(batch) * vector;
        return kind switch
        {
            MatMulParamKind.PerTensor => new int[total],
            _ when param.Length == 1 => Enumerable.Range(0, total).Select(i => i % vector).ToArray(),
            _ => Common.Broadcasting.IndexMap(batch.Append(vector).ToArray(), Reduced(param, ofA)),
        };
    }

    /// <summary>A param of shape [..., M, 1] as [..., M]; of shape [..., 1, N] as [..., N].</summary>
    private static int[] Reduced(int[] param, bool ofA) => ofA ? param[..^1] : param[..^2].Append(param[^1]).ToArray();

    /// <summary>The operand's batch dims and its row count (A) or column count (B), after MatMul's 1-D promotion.</summary>
    private static (int[] Batch, int Vector) Split(int[] operand, bool ofA)
    {
        if (operand.Length == 1) return (Array.Empty<int>(), 1);
        return (operand[..^2], ofA ? operand[^2] : operand[^1]);
    }
}
