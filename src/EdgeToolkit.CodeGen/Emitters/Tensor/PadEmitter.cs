using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// Pad in constant, reflect and edge modes (negative pads crop). Each output axis gets a table,
/// built at generation time, of the input offset its coordinate reads (or -1 for the constant),
/// so the loops hold no mode logic.
/// </summary>
public sealed class PadEmitter : IKernelEmitter
{
    public string OpType => "Pad";

    public string? CheckSupported(KernelContext ctx)
    {
        for (int i = 1; i <= 3; i++)
            if (ctx.HasInput(i) && ctx.Constant(i) == null) return "Pad pads, constant_value and axes must be constants";
        var mode = ctx.Node.GetString("mode", "constant");
        if (mode is not ("constant" or "reflect" or "edge")) return $"Pad mode '{mode}' (constant, reflect and edge are supported)";
        return DataMovement.CheckType(ctx, ctx.InputType(0));
    }

    public void Emit(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var y = ctx.OutputShape(0);
        var mode = ctx.Node.GetString("mode", "constant");
        var (begin, _) = Pads(ctx, x.Length);
        var type = ctx.InputType(0);
        var xStrides = StridedCopy.Contiguous(x);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"mode {mode}, pads before [{string.Join(",", begin)}]");
        w.Line("enum { " + string.Join(", ", y.Select((d, k) => $"D{k} = {d}")) + " };");
        DataMovement.Pointers(ctx);
        bool anyFill = false;
        var tables = new string[x.Length];
        for (int a = 0; a < x.Length; a++)
        {
            var map = new int[y[a]];
            for (int i = 0; i < map.Length; i++)
            {
                long s = SourceIndex(i - begin[a], x[a], mode);
                map[i] = s < 0 ? -1 : (int)(s * xStrides[a]);
                anyFill |= s < 0;
            }
            tables[a] = ctx.AddConstant($"{ctx.Node.Name}_axis{a}", Tensor.FromInt32s(new[] { map.Length }, map));
        }
        if (x.Length == 0) { w.Line("y[0] = x[0];"); return; }
        if (anyFill) w.Line($"const {type.CType()} fill = {Literal(ctx, type)};");
        w.Line("int at = 0;");
        var loops = new Stack<IDisposable>();
        for (int a = 0; a < x.Length; a++)
        {
            loops.Push(w.Block($"for (int i{a} = 0; i{a} < D{a}; i{a}++)"));
            w.Line($"const int32_t o{a} = {tables[a]}[i{a}];");
        }
        string sum = string.Join(" + ", Enumerable.Range(0, x.Length).Select(a => $"o{a}"));
        string anyPad = string.Join(" || ", Enumerable.Range(0, x.Length).Select(a => $"o{a} < 0"));
        w.Line(anyFill ? $"y[at++] = ({anyPad}) ? fill : x[{sum}];" : $"y[at++] = x[{sum}];");
        while (loops.Count > 0) loops.Pop().Dispose();
    }

    /// <summary>Where output coordinate i (relative to the input's start) reads, or -1 for the constant.</summary>
    internal static long SourceIndex(long i, long n, string mode)
    {
        if (i >= 0 && i < n) return i;
        switch (mode)
        {
            case "edge": return Math.Clamp(i, 0, n - 1);
            case "reflect":
                if (n == 1) return 0;
                long period = 2 * (n - 1);
                long r = ((i % period) + period) % period;
                return r < n ? r : period - r;
            default: return -1;
        }
    }

    /// <summary>Begin and end pads per axis, from input 1 (opset 11+) or the attribute, honouring axes (opset 18).</summary>
    private static (long[] Begin, long[] End) Pads(KernelContext ctx, int rank)
    {
        var raw = ctx.HasInput(1) ? ctx.Constant(1)!.ToInt64Array() : ctx.Node.GetInts("pads") ?? new long[2 * rank];
        var axes = ctx.HasInput(3) ? ctx.Constant(3)!.ToInt64Array().Select(a => DataMovement.Axis(a, rank)).ToArray() : Enumerable.Range(0, rank).ToArray();
        var begin = new long[rank];
        var end = new long[rank];
        for (int k = 0; k < axes.Length; k++) { begin[axes[k]] = raw[k]; end[axes[k]] = raw[k + axes.Length]; }
        return (begin, end);
    }

    private static string DoubleLiteral(double v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? s : s + ".0";
    }

    private static string Literal(KernelContext ctx, DataType type)
    {
        double v = ctx.HasInput(2) && ctx.Constant(2) is { Length: > 0 } c ? c.GetDouble(0) : ctx.Node.GetFloat("value", 0f);
        return type switch
        {
            DataType.Float32 => CNames.Float((float)v),
            DataType.Float64 => DoubleLiteral(v),
            _ => ((long)v).ToString(CultureInfo.InvariantCulture) + (type is DataType.Int64 ? "LL" : type is DataType.UInt64 ? "ULL" : ""),
        };
    }
}
