using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters;

/// <summary>
/// Elementwise activations a fusion pass may fold into a producer (Conv, Gemm, MatMul), written
/// as C expressions so emitters can apply them to a value before it is stored.
/// </summary>
public static class PostOps
{
    private static readonly HashSet<string> Elementwise = new() { "Relu", "LeakyRelu", "Clip", "Tanh", "Sigmoid", "HardSigmoid" };

    /// <summary>True for the float activations Apply can write (a MaxPool is not one: the Conv emitter handles it).</summary>
    public static bool IsElementwise(Node post) => post.Domain.Length == 0 && Elementwise.Contains(post.OpType);

    /// <summary>Why this post-op cannot be applied in generated code (e.g. a Clip bound that is not a constant), or null.</summary>
    public static string? CheckSupported(KernelContext ctx, Node post)
    {
        if (!IsElementwise(post)) return $"fused {post.OpType} '{post.Name}' is not an elementwise activation";
        if (post.OpType != "Clip") return null;
        for (int i = 1; i <= 2; i++)
            if (post.HasInput(i) && !ctx.Graph.Initializers.ContainsKey(post.Inputs[i]))
                return $"fused Clip '{post.Name}' has a {(i == 1 ? "min" : "max")} that is not a constant";
        return null;
    }

    /// <summary>
    /// A float C expression: post applied to valueExpr. valueExpr is evaluated more than once,
    /// so pass a plain variable (e.g. "acc0"), not an expression with side effects.
    /// </summary>
    public static string Apply(KernelContext ctx, Node post, string valueExpr)
    {
        var v = valueExpr;
        switch (post.OpType)
        {
            case "Relu":
                return $"({v} > 0.0f ? {v} : 0.0f)";
            case "LeakyRelu":
                return $"({v} >= 0.0f ? {v} : {CNames.Float(post.GetFloat("alpha", 0.01f))} * {v})";
            case "Tanh":
                return $"{ctx.UseHelper("tanh")}({v})";
            case "Sigmoid":
                return $"{ctx.UseHelper("sigmoid")}({v})";
            case "HardSigmoid":
            {
                var t = $"({CNames.Float(post.GetFloat("alpha", 0.2f))} * {v} + {CNames.Float(post.GetFloat("beta", 0.5f))})";
                // Comparisons rather than fmaxf/fminf (libm); a NaN falls through both and stays NaN, as with max/min.
                return $"({t} <= 0.0f ? 0.0f : {t} >= 1.0f ? 1.0f : {t})";
            }
            case "Clip":
            {
                var (lo, hi) = ClipBounds(ctx.Graph, post);
                if (lo is float l && hi is float h && l > h) return CNames.Float(h); // the spec: every value becomes max
                var r = v;
                if (hi is float hh) r = $"({v} > {CNames.Float(hh)} ? {CNames.Float(hh)} : {v})";
                if (lo is float ll) r = $"({v} < {CNames.Float(ll)} ? {CNames.Float(ll)} : {r})";
                return r;
            }
            default:
                throw new InvalidOperationException($"{post.OpType} '{post.Name}' is not an elementwise post-op");
        }
    }

    /// <summary>Clip's bounds: constant inputs (opset 11+) or attributes (older opsets); null when unbounded.</summary>
    public static (float? Min, float? Max) ClipBounds(ModelGraph graph, Node clip)
    {
        float? Bound(int input, string attr)
        {
            if (clip.HasInput(input))
                return graph.Initializers.TryGetValue(clip.Inputs[input], out var t) && t.Length > 0
                    ? (float)t.GetDouble(0)
                    : throw new InvalidOperationException($"Clip '{clip.Name}' {attr} is not a constant");
            return clip.HasAttribute(attr) ? clip.GetFloat(attr, 0) : null;
        }
        return (Bound(1, "min"), Bound(2, "max"));
    }
}
