namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Rewrites a producer's constant weights and bias so that it computes affine(producer(x)).
/// New tensors get new initializer names: a weight may be shared with another node, and
/// dead-node elimination removes the originals when nothing else reads them.
/// </summary>
internal static class WeightScaling
{
    /// <summary>Conv: W is [M, C/group, k...]; output channel m scales W[m] and its bias.</summary>
    public static bool IntoConv(ModelGraph graph, Node conv, ChannelAffine affine)
    {
        var w = Float(graph, conv.Inputs.ElementAtOrDefault(1));
        if (w == null || w.Rank < 3 || w.Shape[0] != affine.Channels) return false;
        var bias = conv.HasInput(2) ? Float(graph, conv.Inputs[2]) : null;
        if (conv.HasInput(2) && (bias == null || bias.Length != affine.Channels)) return false;

        int perChannel = w.Length / affine.Channels;
        var nw = new float[w.Length];
        for (int i = 0; i < nw.Length; i++) nw[i] = (float)(w.Floats[i] * affine.Scale[i / perChannel]);
        var nb = new float[affine.Channels];
        for (int m = 0; m < nb.Length; m++) nb[m] = (float)((bias?.Floats[m] ?? 0) * affine.Scale[m] + affine.Shift[m]);

        SetInput(graph, conv, 1, Tensor.FromFloats(w.Shape, nw), conv.Inputs[1] + "_bnfolded");
        SetInput(graph, conv, 2, Tensor.FromFloats(new[] { affine.Channels }, nb), conv.Name + "_bias_bnfolded");
        return true;
    }

    /// <summary>Gemm: Y = alpha*A*B + beta*C; column n scales B's column n, and C becomes C*a + b/beta.</summary>
    public static bool IntoGemm(ModelGraph graph, Node gemm, ChannelAffine affine)
    {
        var b = Float(graph, gemm.Inputs.ElementAtOrDefault(1));
        if (b == null || b.Rank != 2) return false;
        bool transB = gemm.GetInt("transB", 0) != 0;
        int n = transB ? b.Shape[0] : b.Shape[1];
        if (n != affine.Channels) return false;
        float beta = gemm.GetFloat("beta", 1f);
        var c = gemm.HasInput(2) ? Float(graph, gemm.Inputs[2]) : null;
        if (gemm.HasInput(2) && c == null) return false;
        if (beta == 0) c = null;

        var nc = ScaledBias(c, affine, c == null ? 1f : beta);
        if (nc == null) return false;
        SetInput(graph, gemm, 1, ScaleColumns(b, affine, transB), gemm.Inputs[1] + "_bnfolded");
        SetInput(graph, gemm, 2, nc, gemm.Name + "_bias_bnfolded");
        if (c == null) gemm.Attributes["beta"] = NodeAttribute.Of("beta", 1f);
        return true;
    }

    /// <summary>MatMul of a 2-D x by a constant [K, N] W becomes Gemm(x, W*a, b).</summary>
    public static bool IntoMatMul(ModelGraph graph, Node matmul, ChannelAffine affine)
    {
        var w = Float(graph, matmul.Inputs.ElementAtOrDefault(1));
        var x = graph.TryGetInfo(matmul.Inputs[0]);
        if (w == null || w.Rank != 2 || w.Shape[1] != affine.Channels || x == null || !x.Shape.HasRank || x.Shape.Rank != 2) return false;
        var bias = ScaledBias(null, affine, 1f)!;
        matmul.OpType = "Gemm";
        SetInput(graph, matmul, 1, ScaleColumns(w, affine, transposed: false), matmul.Inputs[1] + "_bnfolded");
        SetInput(graph, matmul, 2, bias, matmul.Name + "_bias_bnfolded");
        return true;
    }

    private static Tensor ScaleColumns(Tensor b, ChannelAffine affine, bool transposed)
    {
        int rows = b.Shape[0], cols = b.Shape[1];
        var nb = new float[b.Length];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < cols; k++)
                nb[r * cols + k] = (float)(b.Floats[r * cols + k] * affine.Scale[transposed ? r : k]);
        return Tensor.FromFloats(b.Shape, nb);
    }

    /// <summary>C*a + b/beta, with C broadcast to [rows, N]; null when C does not broadcast per column.</summary>
    private static Tensor? ScaledBias(Tensor? c, ChannelAffine affine, float beta)
    {
        int n = affine.Channels;
        int rows = c is { Rank: 2 } ? c.Shape[0] : 1;
        if (c != null && (c.Rank > 2 || c.Rank >= 1 && c.Shape[^1] != n && c.Shape[^1] != 1)) return null;
        var r = new float[rows * n];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < n; k++)
            {
                double cv = c == null ? 0 : c.Length == 1 ? c.Floats[0] : c.Shape[^1] == 1 ? c.Floats[i] : c.Floats[(c.Rank == 2 ? i * n : 0) + k];
                r[i * n + k] = (float)(cv * affine.Scale[k] + affine.Shift[k] / beta);
            }
        return Tensor.FromFloats(rows == 1 && (c == null || c.Rank < 2) ? new[] { n } : new[] { rows, n }, r);
    }

    private static Tensor? Float(ModelGraph graph, string? name) =>
        name != null && GraphQueries.ConstantOf(graph, name) is { Type: DataType.Float32 } t ? t : null;

    private static void SetInput(ModelGraph graph, Node node, int index, Tensor value, string baseName)
    {
        var name = graph.FreshName(baseName);
        graph.Initializers[name] = value;
        while (node.Inputs.Count <= index) node.Inputs.Add("");
        node.Inputs[index] = name;
    }
}
