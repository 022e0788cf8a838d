using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Pruning;

/// <summary>
/// Global magnitude masking: zeroes the smallest weights of every Gemm, MatMul and Conv until
/// `keep` of them are non-zero. The tensors keep their shapes: dense kernels still load and
/// multiply every zero, which is why the report measures, rather than assumes, what it saves.
/// </summary>
public static class UnstructuredSparsity
{
    public sealed record Result(ModelGraph Graph, long Weights, long NonZeroBefore, long NonZeroAfter);

    public static Result Apply(ModelGraph graph, double keep)
    {
        var g = graph.Clone();
        var names = g.Nodes.Where(n => n.OpType is "Gemm" or "MatMul" or "Conv" && n.Inputs.Count > 1 && g.IsInitializer(n.Inputs[1]))
            .Select(n => n.Inputs[1]).Where(w => g.Initializers[w].Type == DataType.Float32).Distinct().ToList();
        if (names.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "the model has no Gemm, MatMul or Conv with constant float weights to mask", file: graph.SourcePath);
        var all = names.SelectMany(w => g.Initializers[w].Floats).ToList();
        long nonZeroBefore = all.LongCount(v => v != 0);
        int zeroes = (int)Math.Round(all.Count * (1 - keep));
        float threshold = zeroes == 0 ? -1 : all.Select(Math.Abs).OrderBy(v => v).ElementAt(zeroes - 1);
        int left = zeroes;
        foreach (var w in names)
        {
            var t = g.Initializers[w].Clone();
            var data = t.Floats;
            // Strictly below the threshold first; ties at the threshold only as many as the count still needs.
            for (int i = 0; i < data.Length && left > 0; i++) if (Math.Abs(data[i]) < threshold) { data[i] = 0; left--; }
            g.Initializers[w] = t;
        }
        foreach (var w in names)
        {
            var data = g.Initializers[w].Floats;
            for (int i = 0; i < data.Length && left > 0; i++) if (data[i] != 0 && Math.Abs(data[i]) == threshold) { data[i] = 0; left--; }
        }
        long nonZeroAfter = names.Sum(w => (long)g.Initializers[w].Floats.Count(v => v != 0));
        return new Result(g, all.Count, nonZeroBefore, nonZeroAfter);
    }
}
