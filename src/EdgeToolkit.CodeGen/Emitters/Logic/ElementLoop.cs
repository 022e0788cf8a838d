using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>
/// The loop nest of a numpy-broadcasting elementwise kernel whose element may take several
/// statements (Mod on floats). Strides are worked out at generation time: dims of size 1 are
/// dropped and dims every operand walks contiguously (or not at all) merged, so same-shape
/// operands give one flat loop.
/// </summary>
internal static class ElementLoop
{
    /// <summary>
    /// Writes the loops; body gets each operand's element expression (e.g. "a[i0 * 4 + i1]") and
    /// the output element ("y[i0]") and writes the statements that store it.
    /// </summary>
    public static void Write(CWriter w, int[] outShape, IReadOnlyList<(string Pointer, int[] Shape)> operands, string output,
        Action<string[], string> body)
    {
        var padded = operands.Select(o => BroadcastStrides(o.Shape, outShape)).Append(Contiguous(outShape)).ToList();
        var dims = new List<(long Size, long[] Strides)>();
        for (int d = 0; d < outShape.Length; d++)
            if (outShape[d] != 1) dims.Add((outShape[d], padded.Select(s => s[d]).ToArray()));
        for (int d = dims.Count - 2; d >= 0; d--)
        {
            var (size, strides) = dims[d];
            var (nextSize, nextStrides) = dims[d + 1];
            if (!strides.Zip(nextStrides).All(p => p.First == p.Second * nextSize)) continue;
            dims[d] = (size * nextSize, nextStrides);
            dims.RemoveAt(d + 1);
        }
        var loops = new Stack<IDisposable>();
        for (int d = 0; d < dims.Count; d++) loops.Push(w.Block($"for (long i{d} = 0; i{d} < {dims[d].Size}L; i{d}++)"));
        string At(string pointer, int operand) => $"{pointer}[{Index(dims.Select(d => d.Strides[operand]).ToArray())}]";
        body(operands.Select((o, k) => At(o.Pointer, k)).ToArray(), At(output, operands.Count));
        while (loops.Count > 0) loops.Pop().Dispose();
    }

    /// <summary>
    /// Operand shapes as the op broadcasts them: before opset 7 with broadcast=1 and an axis, the
    /// second input's dims sit at that axis of the first's (LegacyBroadcast); else numpy rules.
    /// </summary>
    public static int[] OperandShape(KernelContext ctx, int input)
    {
        var s = ctx.InputShape(input);
        var first = ctx.InputShape(0);
        if (input != 1 || !LegacyBroadcast.Applies(ctx.Node, ctx.Graph.Opset) || !ctx.Node.HasAttribute("axis") || s.Length == first.Length) return s;
        int axis = (int)ctx.Node.GetInt("axis", 0);
        if (axis < 0) axis += first.Length;
        var aligned = Enumerable.Repeat(1, first.Length).ToArray();
        for (int k = 0; k < s.Length; k++) aligned[axis + k] = s[k];
        return aligned;
    }

    private static string Index(long[] strides)
    {
        var terms = strides.Select((s, d) => s == 0 ? null : s == 1 ? $"i{d}" : $"i{d} * {s}").Where(t => t != null).ToList();
        return terms.Count == 0 ? "0" : string.Join(" + ", terms);
    }

    /// <summary>Element strides along each output dim (shape right-aligned), 0 where it broadcasts.</summary>
    private static long[] BroadcastStrides(int[] shape, int[] outShape)
    {
        var s = new long[outShape.Length];
        long acc = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            s[outShape.Length - shape.Length + d] = shape[d] == 1 ? 0 : acc;
            acc *= shape[d];
        }
        return s;
    }

    private static long[] Contiguous(int[] shape) => Tensor.Strides(shape).Select(s => (long)s).ToArray();
}
