using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;

namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// The second moments E[x x^T] of the rows (last dim, K values) of chosen float tensors over the
/// calibration samples: what error-compensating weight rounding (WeightRounding) needs of a
/// Gemm/MatMul input. Samples stream through the reference evaluator one at a time; each
/// tensor's sums take K x K doubles.
/// </summary>
public static class InputMoments
{
    /// <param name="tensors">Tensor name -> its row length K.</param>
    public static Dictionary<string, double[,]> Run(ModelGraph graph, IEnumerable<IReadOnlyDictionary<string, Tensor>> samples, IReadOnlyDictionary<string, int> tensors)
    {
        var sums = tensors.ToDictionary(kv => kv.Key, kv => new double[kv.Value, kv.Value]);
        var rows = tensors.Keys.ToDictionary(t => t, _ => 0L);
        foreach (var sample in samples)
        {
            var values = Evaluator.Run(graph, sample, keepAll: true);
            foreach (var (name, s) in sums)
            {
                if (!values.TryGetValue(name, out var t) || t.Type != DataType.Float32) continue;
                int k = s.GetLength(0);
                var x = t.Floats;
                for (int r = 0; r + k <= x.Length; r += k)
                {
                    for (int i = 0; i < k; i++)
                    {
                        double xi = x[r + i];
                        if (xi == 0) continue;
                        for (int j = 0; j < k; j++) s[i, j] += xi * x[r + j];
                    }
                    rows[name]++;
                }
            }
        }
        foreach (var (name, s) in sums)
        {
            if (rows[name] == 0) continue;
            int k = s.GetLength(0);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) s[i, j] /= rows[name];
        }
        return sums.Where(kv => rows[kv.Key] > 0).ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
