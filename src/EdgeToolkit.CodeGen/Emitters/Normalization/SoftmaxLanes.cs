namespace EdgeToolkit.CodeGen.Emitters.Normalization;

/// <summary>
/// A row's maximum and sum as 8 running partial results (lane j takes elements 8i + j, the tail
/// goes to lane 0), combined pairwise at the end. Eight independent chains instead of one: GCC
/// vectorises them (each lane keeps its own order, so no reassociation is needed) and a Cortex-M
/// keeps them in registers. The order is written in the C, so every target sums alike.
/// </summary>
internal static class SoftmaxLanes
{
    private const int Lanes = 8;

    /// <summary>Writes "result = max of element(k) for k in [0, n)"; element(k) must be cheap to repeat.</summary>
    public static void Max(CWriter w, long n, Func<string, string> element, string result)
    {
        // A maximum is exact: any order finds the same value (a NaN or a signed zero, which
        // could differ, makes no difference to the softmax).
        w.Line($"/* {Lanes} partial maxima, then pairwise: independent chains (vectorised where there are vector units) */");
        w.Line($"float m0 = {element("0")}, {string.Join(", ", Enumerable.Range(1, Lanes - 1).Select(j => $"m{j} = m0"))};");
        Step maxStep = (acc, v) => $"{acc} = {v} > {acc} ? {v} : {acc}";
        Reduce(w, n, "m", maxStep, element);
        Combine(w, "m", maxStep, result);
    }

    /// <summary>Writes "result = sum of element(k) for k in [0, n)" in the lane order.</summary>
    public static void Sum(CWriter w, long n, Func<string, string> element, string result)
    {
        w.Line($"/* {Lanes} partial sums, then pairwise: the same order on every target */");
        w.Line($"float {string.Join(", ", Enumerable.Range(0, Lanes).Select(j => $"s{j} = 0.0f"))};");
        Step sumStep = (acc, v) => $"{acc} += {v}";
        Reduce(w, n, "s", sumStep, element);
        Combine(w, "s", sumStep, result);
    }

    /// <summary>The C statement folding value v into accumulator acc.</summary>
    private delegate string Step(string acc, string v);

    private static void Reduce(CWriter w, long n, string lane, Step step, Func<string, string> element)
    {
        long blocks = n / Lanes * Lanes;
        if (blocks > 0)
            using (w.Block($"for (k = 0; k < {blocks}L; k += {Lanes})"))
                for (int j = 0; j < Lanes; j++)
                    w.Line(step($"{lane}{j}", element(j == 0 ? "k" : $"k + {j}")) + ";");
        if (blocks < n) w.Line($"for (k = {blocks}; k < {n}L; k++) {step($"{lane}0", element("k"))};");
    }

    /// <summary>Folds the lanes pairwise, ((0 1) (2 3)) ((4 5) (6 7)), into lane 0, then result = lane 0.</summary>
    private static void Combine(CWriter w, string lane, Step step, string result)
    {
        for (int stride = 1; stride < Lanes; stride *= 2)
            w.Line(string.Join(" ", Enumerable.Range(0, Lanes / (2 * stride)).Select(i =>
                step($"{lane}{2 * stride * i}", $"{lane}{2 * stride * i + stride}") + ";")));
        w.Line($"{result} = {lane}0;");
    }
}
