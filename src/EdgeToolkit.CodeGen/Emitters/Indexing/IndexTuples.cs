using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// GatherND/ScatterND geometry: indices [..., K] hold TUPLES index tuples; each picks the slice of
/// SLICE elements of data at data[batch, i_0, ..., i_(K-1)] (batch_dims leading axes shared
/// with indices, GatherND only).
/// </summary>
internal sealed record IndexTuples(int[] Data, int BatchDims, int K, long Tuples, long Slice)
{
    public static IndexTuples Of(int[] data, int[] indices, int batchDims)
    {
        int k = indices.Length == 0 ? 0 : indices[^1];
        return new IndexTuples(data, batchDims, k, Tensor.ElementCountOf(indices.Length == 0 ? indices : indices[..^1]),
            Tensor.ElementCountOf(data[Math.Min(data.Length, batchDims + k)..]));
    }

    public string? Check(string op, int[] indices)
    {
        if (indices.Length < 1) return $"{op} indices need rank 1 or more";
        if (BatchDims + K > Data.Length) return $"{op} index tuples of length {K} exceed the data rank {Data.Length}";
        for (int d = 0; d < BatchDims; d++)
            if (d >= indices.Length - 1 || indices[d] != Data[d]) return $"{op} batch dims of data and indices differ";
        return null;
    }

    /// <summary>Writes "const long at = ...": where in data tuple t (a C variable) starts.</summary>
    public void WriteStart(CWriter w, string indices)
    {
        var strides = IndexCode.Strides(Data);
        long batches = Tensor.ElementCountOf(Data[..BatchDims]);
        long perBatch = batches == 0 ? 0 : Tuples / batches;
        var terms = new List<string>();
        if (BatchDims > 0 && perBatch > 0) terms.Add($"(t / {perBatch}) * {Tensor.ElementCountOf(Data[BatchDims..])}");
        for (int j = 0; j < K; j++)
        {
            int axis = BatchDims + j;
            IndexCode.ReadIndex(w, $"v{j}", K == 1 ? $"{indices}[t]" : $"{indices}[t * {K} + {j}]", Data[axis]);
            terms.Add(strides[axis] == 1 ? $"v{j}" : $"v{j} * {strides[axis]}");
        }
        w.Line($"const long at = {(terms.Count == 0 ? "0" : string.Join(" + ", terms))};");
    }
}
