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
        var (dims, buffers) = Dims(outShape, operands);
        var idx = Enumerable.Range(0, dims.Count).Select(d => $"i{d}").ToArray();
        if (idx.Length > 0) w.Line($"long {string.Join(", ", idx)};");
        var loops = new List<IDisposable>();
        for (int d = 0; d < dims.Count; d++) loops.Add(w.Block($"for ({idx[d]} = 0; {idx[d]} < {dims[d].Size}L; {idx[d]}++)"));
        w.Line($"{output}[{Index(idx, OutStrides(dims))}] = {element(Args(operands, buffers, dims, idx))};");
        for (int d = loops.Count - 1; d >= 0; d--) loops[d].Dispose();
    }

    /// <summary>
    /// Where(condition, a, b) whose condition is constant along the innermost loop (a row mask, as a KV cache's
    /// row write has): the test moves out of that loop, which then copies one side, instead of selecting per element.
    /// Any other condition gets the per-element loop.
    /// </summary>
    public static void WriteSelect(CWriter w, int[] outShape, IReadOnlyList<Operand> operands, string output, Func<string[], string> element)
    {
        var (dims, buffers) = Dims(outShape, operands);
        int condition = buffers.FindIndex(b => b == 0);
        if (dims.Count == 0 || condition < 0 || dims[^1].Strides[condition] != 0)
        {
            Write(w, outShape, operands, output, element);
            return;
        }
        var idx = Enumerable.Range(0, dims.Count).Select(d => $"i{d}").ToArray();
        w.Line($"long {string.Join(", ", idx)};");
        var loops = new List<IDisposable>();
        for (int d = 0; d < dims.Count - 1; d++) loops.Add(w.Block($"for ({idx[d]} = 0; {idx[d]} < {dims[d].Size}L; {idx[d]}++)"));
        var args = Args(operands, buffers, dims, idx);
        var target = $"{output}[{Index(idx, OutStrides(dims))}]";
        var inner = $"for ({idx[^1]} = 0; {idx[^1]} < {dims[^1].Size}L; {idx[^1]}++) {target} = ";
        w.Line($"if ({args[0]}) {inner}{args[1]};");
        w.Line($"else {inner}{args[2]};");
        for (int d = loops.Count - 1; d >= 0; d--) loops[d].Dispose();
    }

    /// <summary>
    /// The loop dims: output dims of size 1 dropped, neighbours every operand walks contiguously (or not at all)
    /// merged; with each buffer operand's stride per dim. Buffers lists the operand index of each buffer.
    /// </summary>
    private static (List<(long Size, long[] Strides)> Dims, List<int> Buffers) Dims(int[] outShape, IReadOnlyList<Operand> operands)
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
        return (dims, buffers.Select(b => b.i).ToList());
    }

    private static long[] OutStrides(List<(long Size, long[] Strides)> dims)
    {
        var outStrides = new long[dims.Count];
        for (int d = dims.Count - 1, acc = 1; d >= 0; d--) { outStrides[d] = acc; acc *= (int)dims[d].Size; }
        return outStrides;
    }

    /// <summary>Each operand's C expression: a literal, or its buffer indexed through its strides.</summary>
    private static string[] Args(IReadOnlyList<Operand> operands, List<int> buffers, List<(long Size, long[] Strides)> dims, string[] idx)
    {
        var args = operands.Select(o => o.Expr).ToArray();
        for (int b = 0; b < buffers.Count; b++)
            args[buffers[b]] = $"{operands[buffers[b]].Expr}[{Index(idx, dims.Select(d => d.Strides[b]).ToArray())}]";
        return args;
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
