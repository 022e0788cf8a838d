using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Cross-layer equalization between a graph input and the weighted nodes reading it. A model that
/// takes raw readings with its standardisation folded into the first layer (steps in the
/// thousands next to 0/1 flags, a heart rate of 60 +- 5) loses every small-range feature to one
/// per-tensor int8 scale, and the folded 1/std and -mean/std leave its weight columns unequal and
/// its products cancelling in the bias. Mapping each feature j onto [-1, 1] with float ops before
/// the input's QuantizeLinear, x'_j = (x_j - c_j) / s_j, and giving the readers the inverse (weight
/// column j times s_j; Gemm bias plus W c) changes nothing in float and gives every feature the
/// whole int8 range. The centre c is used only when every reader is a Gemm (a Conv pads with
/// zeros, which centring would move; a MatMul has no bias); otherwise s_j = max |x_j|.
/// Done only where the features' ranges or centres differ by more than MinSpread (one bit).
/// </summary>
public static class InputEqualization
{
    public const double MinSpread = 2;

    /// <param name="FloatNodes">The Mul (and Add) now in front of the input's QuantizeLinear; they stay float.</param>
    public sealed record Applied(string Input, IReadOnlyList<string> FloatNodes, int Features, bool Centred, double SmallestRange, double LargestRange)
    {
        public string Note => string.Create(CultureInfo.InvariantCulture,
            $"input '{Input}': its {Features} features have half-ranges {SmallestRange:G3} .. {LargestRange:G3}, so float {string.Join(" + ", FloatNodes.Select(n => $"'{n}'"))} map each onto [-1, 1]{(Centred ? " (centred)" : "")} before quantization and the first layer's weights take the inverse, keeping every feature's resolution");
    }

    /// <summary>Rewrites `g` in place for every input that needs it; `samples` are read for the inputs' ranges only.</summary>
    public static IReadOnlyList<Applied> Apply(ModelGraph g, IEnumerable<IReadOnlyDictionary<string, Tensor>> samples)
    {
        var readers = g.Consumers();
        var targets = new Dictionary<string, (int Axis, List<Node> Readers)>();
        foreach (var input in g.Inputs.Where(i => i.Type == DataType.Float32 && i.Shape.HasRank))
        {
            if (!readers.TryGetValue(input.Name, out var r) || r.Count == 0 || g.Outputs.Any(o => o.Name == input.Name)) continue;
            var axes = r.Select(n => FeatureAxis(g, n, input)).Distinct().ToList();
            if (axes.Count == 1 && axes[0] is int axis) targets[input.Name] = (axis, r);
        }
        if (targets.Count == 0) return Array.Empty<Applied>();

        var ranges = new Dictionary<string, (double[] Min, double[] Max)>();
        foreach (var sample in samples)
            foreach (var (name, (axis, _)) in targets)
                if (sample.TryGetValue(name, out var x) && x.Type == DataType.Float32) Accumulate(ranges, name, x, axis);

        var applied = new List<Applied>();
        var fresh = new FreshNames(g);
        foreach (var (name, (axis, nodes)) in targets)
        {
            if (!ranges.TryGetValue(name, out var r)) continue;
            bool centre = nodes.All(CanTakeCentre(g));
            int k = r.Min.Length;
            var c = new double[k];
            var s = new double[k];
            for (int j = 0; j < k; j++)
            {
                if (centre && r.Max[j] > r.Min[j]) { c[j] = (r.Max[j] + r.Min[j]) / 2; s[j] = (r.Max[j] - r.Min[j]) / 2; }
                else s[j] = Math.Max(Math.Abs(r.Min[j]), Math.Abs(r.Max[j]));
                if (!(s[j] > 0) || !double.IsFinite(s[j])) { c[j] = 0; s[j] = 1; }
            }
            double lo = s.Min(), hi = s.Max();
            bool offCentre = centre && Enumerable.Range(0, k).Any(j => Math.Abs(c[j]) > MinSpread * s[j]);
            if (hi / lo <= MinSpread && !offCentre) continue;
            if (!offCentre) { centre = false; for (int j = 0; j < k; j++) { s[j] = Math.Max(Math.Abs(r.Min[j]), Math.Abs(r.Max[j])); if (!(s[j] > 0)) s[j] = 1; } }

            var shape = Enumerable.Repeat(1, g.Inputs.First(i => i.Name == name).Shape.Rank - axis).ToArray();
            shape[0] = k;
            var mul = new Node(fresh.Next(name + "_equalize_scale"), "Mul",
                new[] { name, Add(g, fresh.Next(name + "_equalize_factors"), shape, s.Select(v => 1 / v)) }, new[] { fresh.Next(name + "_scaled") });
            var added = new List<Node> { mul };
            if (centre)
                added.Add(new Node(fresh.Next(name + "_equalize_shift"), "Add",
                    new[] { mul.Outputs[0], Add(g, fresh.Next(name + "_equalize_offsets"), shape, c.Zip(s, (ci, si) => -ci / si)) }, new[] { fresh.Next(name + "_equalized") }));
            var equalized = added[^1].Outputs[0];
            foreach (var n in nodes)
            {
                Compensate(g, n, s, centre ? c : null, fresh);
                for (int i = 0; i < n.Inputs.Count; i++) if (n.Inputs[i] == name) n.Inputs[i] = equalized;
            }
            g.Nodes.InsertRange(0, added);
            foreach (var n in added) g.ValueInfos[n.Outputs[0]] = new ValueInfo(n.Outputs[0], DataType.Float32, g.Inputs.First(i => i.Name == name).Shape);
            applied.Add(new Applied(name, added.Select(n => n.Name).ToList(), k, centre, lo, hi));
        }
        return applied;
    }

    /// <summary>A plain Gemm (alpha = beta = 1) whose bias, if any, is one value per output unit or a scalar.</summary>
    private static Func<Node, bool> CanTakeCentre(ModelGraph g) => n =>
        n.OpType == "Gemm" && n.GetFloat("alpha", 1f) == 1f && n.GetFloat("beta", 1f) == 1f
        && (!n.HasInput(2) || g.Initializers[n.Inputs[2]].Length is var len && (len == 1 || len == g.Initializers[n.Inputs[1]].Shape[n.GetInt("transB", 0) != 0 ? 0 : 1]));

    private static string Add(ModelGraph g, string name, int[] shape, IEnumerable<double> values)
    {
        g.Initializers[name] = Tensor.FromFloats(shape, values.Select(v => (float)v).ToArray());
        return name;
    }

    /// <summary>Smallest and largest value per feature along axis, over the samples so far.</summary>
    private static void Accumulate(Dictionary<string, (double[] Min, double[] Max)> all, string name, Tensor x, int axis)
    {
        int channels = x.Shape[axis], inner = 1;
        for (int d = axis + 1; d < x.Rank; d++) inner *= x.Shape[d];
        if (!all.TryGetValue(name, out var r))
            all[name] = r = (Enumerable.Repeat(double.PositiveInfinity, channels).ToArray(), Enumerable.Repeat(double.NegativeInfinity, channels).ToArray());
        if (r.Min.Length != channels) return;
        var f = x.Floats;
        for (int i = 0; i < f.Length; i++)
        {
            if (!float.IsFinite(f[i])) continue;
            int ch = i / inner % channels;
            r.Min[ch] = Math.Min(r.Min[ch], f[i]);
            r.Max[ch] = Math.Max(r.Max[ch], f[i]);
        }
    }

    /// <summary>The axis of the input the node's weight contracts over, or null when the node cannot take the factors.</summary>
    private static int? FeatureAxis(ModelGraph g, Node n, ValueInfo input)
    {
        if (n.Inputs.Count < 2 || n.Inputs[0] != input.Name || n.Inputs.Skip(1).Contains(input.Name)) return null;
        if (!g.Initializers.TryGetValue(n.Inputs[1], out var w) || w.Type != DataType.Float32) return null;
        if (n.OpType == "Gemm" && n.HasInput(2) && !g.IsInitializer(n.Inputs[2])) return null;
        int rank = input.Shape.Rank;
        return n.OpType switch
        {
            "Gemm" when n.GetInt("transA", 0) == 0 && rank == 2 && w.Rank == 2 => 1,
            "MatMul" when rank >= 2 && w.Rank == 2 => rank - 1,
            "Conv" when n.GetInt("group", 1) == 1 && rank >= 3 => 1,
            _ => null,
        };
    }

    /// <summary>
    /// Weight slice j times s[j] (copies: initializers may be shared); with a centre, the Gemm's bias
    /// gains W c (one value per output unit) so that W' x' + b' = W x + b.
    /// </summary>
    private static void Compensate(ModelGraph g, Node n, double[] s, double[]? c, FreshNames fresh)
    {
        var w = g.Initializers[n.Inputs[1]];
        // Feature axis of the weight: Gemm transB=1 [N, K] and Conv [M, C, ...] -> 1; Gemm transB=0 and MatMul [K, N] -> 0.
        int axis = n.OpType == "Conv" || n.OpType == "Gemm" && n.GetInt("transB", 0) != 0 ? 1 : 0;
        int channels = w.Shape[axis], inner = 1;
        for (int d = axis + 1; d < w.Rank; d++) inner *= w.Shape[d];
        var f = w.Floats;
        var scaled = new float[f.Length];
        for (int i = 0; i < f.Length; i++) scaled[i] = (float)(f[i] * s[i / inner % channels]);
        var oldWeight = n.Inputs[1];
        n.Inputs[1] = Add(g, fresh.Next(oldWeight + "_equalized"), w.Shape, scaled.Select(v => (double)v));

        if (c != null)
        {
            // Gemm: output unit u reads W[u, j] (transB=1, axis 1) or W[j, u] (transB=0, axis 0).
            int units = w.Shape[1 - axis];
            var shift = new double[units];
            for (int i = 0; i < f.Length; i++)
            {
                int j = axis == 1 ? i % channels : i / units, u = axis == 1 ? i / channels : i % units;
                shift[u] += f[i] * c[j];
            }
            var oldName = n.HasInput(2) ? n.Inputs[2] : null;
            var oldBias = oldName != null ? g.Initializers[oldName] : null;
            var b = oldBias?.Floats ?? new float[units];
            var bias = Enumerable.Range(0, units).Select(u => b[b.Length == 1 ? 0 : u] + shift[u]);
            var name = Add(g, fresh.Next((oldBias != null ? n.Inputs[2] : n.Name + "_bias") + "_equalized"), new[] { units }, bias);
            if (n.Inputs.Count > 2) n.Inputs[2] = name; else n.Inputs.Add(name);
            if (oldName != null && !g.Nodes.Any(m => m.Inputs.Contains(oldName))) g.Initializers.Remove(oldName);
        }
        if (!g.Nodes.Any(m => m.Inputs.Contains(oldWeight))) g.Initializers.Remove(oldWeight);
    }
}
