using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>A MaxPool fused after a conv: 2-D view (height 1 for 1-D), no pads, no dilations, floor mode.</summary>
internal sealed record FusedPool(Node Node, int KernelH, int KernelW, int StrideH, int StrideW)
{
    public int OutSize(int convSize, bool height) =>
        (convSize - (height ? KernelH : KernelW)) / (height ? StrideH : StrideW) + 1;
}

/// <summary>
/// A producer's fused post-ops split at the MaxPool: elementwise ops before it, the pool, and
/// elementwise ops after it.
/// </summary>
internal sealed record FusedTail(IReadOnlyList<Node> BeforePool, FusedPool? Pool, IReadOnlyList<Node> AfterPool)
{
    /// <summary>
    /// Ops for which act(max(a, b) + bias) == max(act(a + bias), act(b + bias)) bit for bit:
    /// non-decreasing with monotone rounding, so the pool may run on raw accumulators.
    /// </summary>
    public bool CanPoolBeforeActivation => BeforePool.All(IsExactlyMonotone);

    private static bool IsExactlyMonotone(Node n) => n.OpType switch
    {
        "Relu" or "Clip" => true,
        "LeakyRelu" => n.GetFloat("alpha", 0.01f) >= 0,
        "HardSigmoid" => n.GetFloat("alpha", 0.2f) >= 0,
        _ => false,
    };

    /// <summary>Splits node.Fused, or says why it cannot be fused into a conv loop.</summary>
    public static (FusedTail? Tail, string? Problem) Parse(Node producer, int spatialDims)
    {
        var before = new List<Node>();
        var after = new List<Node>();
        FusedPool? pool = null;
        foreach (var f in producer.Fused)
        {
            if (f.OpType == "MaxPool" && f.Domain.Length == 0)
            {
                if (pool != null) return (null, "more than one MaxPool fused");
                var (p, why) = ParsePool(f, spatialDims);
                if (p == null) return (null, why);
                pool = p;
            }
            else if (PostOps.IsElementwise(f)) (pool == null ? before : after).Add(f);
            else return (null, $"fused {f.OpType} '{f.Name}' is neither an elementwise activation nor a MaxPool");
        }
        return (new FusedTail(before, pool, after), null);
    }

    private static (FusedPool?, string?) ParsePool(Node f, int spatialDims)
    {
        // An Indices output may still be named; the fusion pass only fuses a MaxPool when nothing reads it.
        var k = f.GetInts("kernel_shape");
        if (k == null || k.Length != spatialDims) return (null, "fused MaxPool needs kernel_shape of the conv's rank");
        var s = f.GetInts("strides") ?? Enumerable.Repeat(1L, spatialDims).ToArray();
        if (f.GetInts("pads")?.Any(p => p != 0) == true) return (null, "fused MaxPool with pads");
        if (f.GetInts("dilations")?.Any(d => d != 1) == true) return (null, "fused MaxPool with dilations");
        if (f.GetInt("ceil_mode", 0) != 0) return (null, "fused MaxPool with ceil_mode=1");
        if (f.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "VALID" or "")) return (null, "fused MaxPool with SAME auto_pad");
        return spatialDims == 1
            ? (new FusedPool(f, 1, (int)k[0], 1, (int)s[0]), null)
            : (new FusedPool(f, (int)k[0], (int)k[1], (int)s[0], (int)s[1]), null);
    }
}
