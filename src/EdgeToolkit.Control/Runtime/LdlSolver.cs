namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// Solves H x = b for a symmetric positive definite H (n x n, row-major) by LDL^T without
/// pivoting, as docs/controller.md spells it: no square root, so the firmware needs no libm.
/// A pivot D[j] &lt;= 1e-12 max_i H[i][i], or a non-finite one, means H is (numerically) singular.
/// </summary>
public static class LdlSolver
{
    public const float RelativePivotFloor = 1e-12f;

    /// <summary>
    /// Factorises H = L D L^T into l (n x n, unit lower, only i &gt; j used) and d (n), then solves
    /// for x. False, with x untouched, when a pivot is too small or not finite.
    /// </summary>
    public static bool TrySolve(ReadOnlySpan<float> h, int n, ReadOnlySpan<float> b, Span<float> x, Span<float> l, Span<float> d)
    {
        float largestDiagonal = 0f;
        for (int i = 0; i < n; i++) largestDiagonal = MathF.Max(largestDiagonal, h[i * n + i]);
        float floor = RelativePivotFloor * largestDiagonal;
        for (int j = 0; j < n; j++)
        {
            float dj = h[j * n + j];
            for (int k = 0; k < j; k++) dj -= l[j * n + k] * l[j * n + k] * d[k];
            if (!float.IsFinite(dj) || dj <= floor) return false;
            d[j] = dj;
            for (int i = j + 1; i < n; i++)
            {
                float s = h[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k] * d[k];
                l[i * n + j] = s / dj;
            }
        }
        // L w = b (forward), then w / D, then L^T x = w (back), all in x.
        for (int i = 0; i < n; i++)
        {
            float s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * x[k];
            x[i] = s;
        }
        for (int i = 0; i < n; i++) x[i] /= d[i];
        for (int i = n - 1; i >= 0; i--)
        {
            float s = x[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
            x[i] = s;
        }
        return true;
    }
}
