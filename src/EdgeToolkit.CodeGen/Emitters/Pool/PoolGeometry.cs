using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Conv;

namespace EdgeToolkit.CodeGen.Emitters.Pool;

/// <summary>
/// A MaxPool/AveragePool window over [N, C, (H,) W], viewed as 2-D (height 1 for 1-D). The
/// per-axis rules (auto_pad, ceil_mode) come from the graph's WindowGeometry, the same code the
/// reference evaluator uses, so the generated C and the oracle cannot disagree on shapes.
/// </summary>
internal sealed record PoolGeometry(int Planes, int InH, int InW, AxisWindow Y, AxisWindow X)
{
    public static string? Check(Node node, int[] x)
    {
        var k = node.GetInts("kernel_shape");
        if (k == null) return $"{node.OpType} needs kernel_shape";
        if (k.Length is not (1 or 2) || x.Length != k.Length + 2) return $"{node.OpType} with {k.Length} spatial axes (1-D and 2-D are supported)";
        return WindowGeometry.Check(node, k.Length);
    }

    public static PoolGeometry From(Node node, int[] x)
    {
        var kernel = node.GetInts("kernel_shape")!.Select(v => (int)v).ToArray();
        var axes = WindowGeometry.Resolve(node, x[2..], kernel, node.GetInt("ceil_mode", 0) != 0);
        var unit = new AxisWindow(1, 1, 1, 0, 0, 1);
        return axes.Length == 1
            ? new PoolGeometry(x[0] * x[1], 1, x[2], unit, axes[0])
            : new PoolGeometry(x[0] * x[1], x[2], x[3], axes[0], axes[1]);
    }

    /// <summary>Enum constants of the loop bounds.</summary>
    public void WriteConstants(CWriter w)
    {
        w.Line($"enum {{ PLANES = {Planes}, IN_H = {InH}, IN_W = {InW}, OUT_H = {Y.Output}, OUT_W = {X.Output} }};");
        w.Line($"enum {{ K_H = {Y.Kernel}, K_W = {X.Kernel}, STRIDE_H = {Y.Stride}, STRIDE_W = {X.Stride}, DIL_H = {Y.Dilation}, DIL_W = {X.Dilation}, " +
               $"PAD_T = {Y.PadBegin}, PAD_L = {X.PadBegin}, PAD_B = {Y.PadEnd}, PAD_R = {X.PadEnd} }};");
    }

    /// <summary>
    /// Opens the plane/row/column loops and declares the window's valid tap ranges
    /// ky in [ky0, ky1), kx in [kx0, kx1), plus xp (input plane), yp (output plane), iy0, ix0.
    /// The caller writes the body and disposes the returned scope.
    /// </summary>
    public IDisposable OpenWindowLoops(CWriter w, string elementType)
    {
        var scopes = new Stack<IDisposable>();
        scopes.Push(w.Block("for (int p = 0; p < PLANES; p++)"));
        w.Line($"const {elementType} *xp = x + p * (IN_H * IN_W);");
        w.Line($"{elementType} *yp = y + p * (OUT_H * OUT_W);");
        scopes.Push(w.Block("for (int oy = 0; oy < OUT_H; oy++)"));
        w.Line("const int iy0 = oy * STRIDE_H - PAD_T;");
        w.Line("const int ky0 = iy0 < 0 ? (-iy0 + DIL_H - 1) / DIL_H : 0, ky_end = (IN_H - iy0 + DIL_H - 1) / DIL_H;");
        w.Line("const int ky1 = ky_end < K_H ? ky_end : K_H;");
        scopes.Push(w.Block("for (int ox = 0; ox < OUT_W; ox++)"));
        w.Line("const int ix0 = ox * STRIDE_W - PAD_L;");
        w.Line("const int kx0 = ix0 < 0 ? (-ix0 + DIL_W - 1) / DIL_W : 0, kx_end = (IN_W - ix0 + DIL_W - 1) / DIL_W;");
        w.Line("const int kx1 = kx_end < K_W ? kx_end : K_W;");
        return new ScopeStack(scopes);
    }

    private sealed class ScopeStack(Stack<IDisposable> scopes) : IDisposable
    {
        public void Dispose() { while (scopes.Count > 0) scopes.Pop().Dispose(); }
    }

    public string Describe(Node node, int[] x, int[] y) =>
        $"/* {node.OpType} '{CNames.Comment(node.Name)}': [{string.Join("x", x)}] -> [{string.Join("x", y)}], window {Y.Kernel}x{X.Kernel}, " +
        $"stride {Y.Stride}x{X.Stride}, dilation {Y.Dilation}x{X.Dilation}, pads {Y.PadBegin},{X.PadBegin},{Y.PadEnd},{X.PadEnd} */";
}
