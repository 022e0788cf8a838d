namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// Solves H x = g for a symmetric positive definite H (p x p, row-major) by LDL^T without
    /// pivoting: no square root, so no math library. Scratch preallocated for one size.
    /// </summary>
    public sealed class LdlSolver
    {
        private readonly int _p;
        private readonly float[] _lower;
        private readonly float[] _pivot;
        private readonly float[] _w;

        public LdlSolver(int size)
        {
            _p = size;
            _lower = new float[size * size];
            _pivot = new float[size];
            _w = new float[size];
        }

        /// <summary>
        /// False when a pivot is non-finite or at most 1e-12 times the largest diagonal of H
        /// (singular, or not positive definite); x is then undefined.
        /// </summary>
        public bool Solve(float[] h, float[] g, float[] x)
        {
            int p = _p;
            float[] lo = _lower, d = _pivot, w = _w;
            float maxDiagonal = h[0];
            for (int i = 1; i < p; i++) maxDiagonal = FloatMath.Max(maxDiagonal, h[i * p + i]);
            float smallest = 1e-12f * maxDiagonal;
            for (int j = 0; j < p; j++)
            {
                float dj = h[j * p + j];
                for (int k = 0; k < j; k++) dj -= lo[j * p + k] * lo[j * p + k] * d[k];
                if (!FloatMath.IsFinite(dj) || dj <= smallest) return false;
                d[j] = dj;
                for (int i = j + 1; i < p; i++)
                {
                    float v = h[i * p + j];
                    for (int k = 0; k < j; k++) v -= lo[i * p + k] * lo[j * p + k] * d[k];
                    lo[i * p + j] = v / dj;
                }
            }
            for (int i = 0; i < p; i++)
            {
                float v = g[i];
                for (int k = 0; k < i; k++) v -= lo[i * p + k] * w[k];
                w[i] = v;
            }
            for (int i = 0; i < p; i++) w[i] /= d[i];
            for (int i = p - 1; i >= 0; i--)
            {
                float v = w[i];
                for (int k = i + 1; k < p; k++) v -= lo[k * p + i] * x[k];
                x[i] = v;
            }
            return true;
        }
    }
}
