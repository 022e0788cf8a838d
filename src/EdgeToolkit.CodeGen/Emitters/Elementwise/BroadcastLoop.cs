namespace EdgeToolkit.CodeGen.Emitters.Elementwise;

/// <summary>
/// One operand of a broadcasting loop: a buffer indexed through broadcast strides, or a value
/// known at generation time (a scalar constant), written into the expression as a literal.
/// </summary>
internal sealed record Operand(string Expr, int[]? Shape)
{
    public static Operand Literal(string literal) => new(literal, null);
}

/// <summary>
/// Writes the loop nest of a numpy-broadcasting elementwise op. Output dims of size 1 are dropped
/// and neighbouring dims that every operand walks contiguously (or not at all) are merged, so
/// same-shape ops become one flat loop and per-channel ops ([N,C,H,W] with [C,1,1]) two.
/// </summary>
internal static class BroadcastLoop
{
    public static void Write(CWriter w, int[] outShape, IReadOnlyList<Operand> operands, string output, Func<string[], string> element)
    {
        var buffers = operands.Select((o, i) => (o, i)).Where(p => p.o.Shape != null).ToList();
        var dims = new List<(long Size, long[] Strides)>();
        var padded = buffers.Select(b => Strides(b.o.Shape!, outShape.Length)).ToList();
        for (int d = 0; d < outShape.Length; d++)
            if (outShape[d] != 1) dims.Add((outShape[d], padded.Select(s => s[d]).ToArray()));
        for (int d = dims.Count - 2; d >= 0; d--)
        {
            var (size, strides) = dims[d];
            var (nextSize, nextStrides) = dims[d + 1];
            if (strides.Zip(nextStrides).All(p => p.First == p.Second * nextSize))
            {
                dims[d] = (size * nextSize, nextStrides);
                dims.RemoveAt(d + 1);
            }
        }
        var idx = Enumerable.Range(0, dims.Count).Select(d => $"i{d}").ToArray();
        if (idx.Length > 0) w.Line($"long {string.Join(", ", idx)};");
        var loops = new List<IDisposable>();
        for (int d = 0; d < dims.Count; d++) loops.Add(w.Block($"for ({idx[d]} = 0; {idx[d]} < {dims[d].Size}L; {idx[d]}++)"));
        var outStrides = new long[dims.Count];
        for (int d = dims.Count - 1, acc = 1; d >= 0; d--) { outStrides[d] = acc; acc *= (int)dims[d].Size; }
        var args = new string[operands.Count];
        for (int i = 0; i < operands.Count; i++) args[i] = operands[i].Expr;
        for (int b = 0; b < buffers.Count; b++)
            args[buffers[b].i] = $"{buffers[b].o.Expr}[{Index(idx, dims.Select(d => d.Strides[b]).ToArray())}]";
        w.Line($"{output}[{Index(idx, outStrides)}] = {element(args)};");
        for (int d = loops.Count - 1; d >= 0; d--) loops[d].Dispose();
    }

    private static string Index(string[] idx, long[] strides)
    {
        var terms = idx.Select((v, d) => strides[d] == 0 ? null : strides[d] == 1 ? v : $"{v} * {strides[d]}").Where(t => t != null).ToList();
        return terms.Count == 0 ? "0" : string.Join(" + ", terms);
    }

    /// <summary>Element strides of an operand along each output dim (right-aligned), 0 where it broadcasts.</summary>
    private static long[] Strides(int[] shape, int rank)
    {
        var s = new long[rank];
        long acc = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            s[rank - shape.Length + d] = shape[d] == 1 ? 0 : acc;
            acc *= shape[d];
        }
        return s;
    }
}
