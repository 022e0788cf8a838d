using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>C snippets the gather and scatter kernels share: loops over a shape and reading an index safely.</summary>
internal static class IndexCode
{
    public static string? CheckIndexType(KernelContext ctx, int input, bool int32Allowed = true) =>
        ctx.InputType(input) == DataType.Int64 || int32Allowed && ctx.InputType(input) == DataType.Int32 ? null
        : $"{ctx.Node.OpType} indices of type {ctx.InputType(input).OnnxName()} are not supported";

    /// <summary>
    /// Declares "long name": the index read from expr, negative ones counted from the end, then
    /// clamped to [0, len): ONNX leaves out-of-range indices undefined, C must not touch memory
    /// out of bounds. Read as int64_t first, since long may be 32 bits on the MCU.
    /// </summary>
    public static void ReadIndex(CWriter w, string name, string expr, long len)
    {
        w.Line($"int64_t {name}_raw = {expr};");
        w.Line($"if ({name}_raw < 0) {name}_raw += {len};");
        w.Line($"const long {name} = {name}_raw < 0 ? 0 : {name}_raw >= {len} ? {len - 1}L : (long){name}_raw; /* clamped */");
    }

    /// <summary>
    /// Opens one loop per dim of shape larger than 1 (variables i{d}); returns the closers (dispose
    /// in reverse) and a function giving the flat index "i0 * s0 + ..." for per-dim strides.
    /// </summary>
    public static (Stack<IDisposable> Loops, Func<long[], string> Index) Loops(CWriter w, int[] shape)
    {
        var loops = new Stack<IDisposable>();
        var dims = Enumerable.Range(0, shape.Length).Where(d => shape[d] != 1).ToList();
        foreach (var d in dims) loops.Push(w.Block($"for (long i{d} = 0; i{d} < {shape[d]}L; i{d}++)"));
        string Index(long[] strides)
        {
            var terms = dims.Where(d => strides[d] != 0).Select(d => strides[d] == 1 ? $"i{d}" : $"i{d} * {strides[d]}").ToList();
            return terms.Count == 0 ? "0" : string.Join(" + ", terms);
        }
        return (loops, Index);
    }

    public static void Close(Stack<IDisposable> loops) { while (loops.Count > 0) loops.Pop().Dispose(); }

    public static long[] Strides(int[] shape) => Tensor.Strides(shape).Select(s => (long)s).ToArray();
}
