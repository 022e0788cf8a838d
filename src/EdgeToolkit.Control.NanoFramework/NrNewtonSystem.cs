namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The gradient and Gauss-Newton Hessian of one period's cost (docs/controller.md step 6):
    /// J(z) = sum_j sum_o q[o] e[j][o]^2 + sum_i lambda[i] (z[i]-z_prev[i])^2 + B(z), with
    /// e[j][o] = ref[j-D][o] - (yhat[j][o] + d[o]) and the barrier B(z) = s (1/z + 1/(1-z) - 4).
    /// </summary>
    public sealed class NrNewtonSystem
    {
        private readonly NrSettings _s;
        private readonly int _p, _m, _delay, _horizon;
        private readonly float[] _error;

        public float[] Gradient { get; }
        /// <summary>[P x P] row-major, symmetric.</summary>
        public float[] Hessian { get; }

        public NrNewtonSystem(NrSettings s)
        {
            _s = s;
            _p = s.P;
            _m = s.M;
            _delay = s.Delay;
            _horizon = s.Horizon;
            _error = new float[s.Horizon * s.M];
            Gradient = new float[_p];
            Hessian = new float[_p * _p];
        }

        /// <summary>z must lie inside (0, 1): the barrier's derivatives are infinite on the bounds.</summary>
        public void Build(float[] z, float[] zPrevious, float[] reference, float[] disturbance, NrRollout rollout)
        {
            int p = _p, m = _m;
            float[] yhat = rollout.Predictions, sens = rollout.Sensitivities, q = _s.Q;
            for (int r = 0; r < _horizon; r++)
                for (int o = 0; o < m; o++)
                    _error[r * m + o] = reference[r * m + o] - (yhat[(_delay + r) * m + o] + disturbance[o]);

            float barrier = _s.Barrier;
            for (int i = 0; i < p; i++)
            {
                float pull = 0.0f;
                for (int r = 0; r < _horizon; r++)
                {
                    int row = (_delay + r) * m;
                    for (int o = 0; o < m; o++) pull += q[o] * sens[(row + o) * p + i] * _error[r * m + o];
                }
                float zi = z[i], wi = 1.0f - zi;
                Gradient[i] = -2.0f * pull + 2.0f * _s.Lambda[i] * (zi - zPrevious[i])
                              + barrier * (1.0f / (wi * wi) - 1.0f / (zi * zi));

                for (int k = 0; k <= i; k++)
                {
                    float curvature = 0.0f;
                    for (int r = 0; r < _horizon; r++)
                    {
                        int row = (_delay + r) * m;
                        for (int o = 0; o < m; o++)
                            curvature += q[o] * sens[(row + o) * p + i] * sens[(row + o) * p + k];
                    }
                    float h = 2.0f * curvature;
                    if (k == i) h += 2.0f * _s.Lambda[i] + barrier * (2.0f / (zi * zi * zi) + 2.0f / (wi * wi * wi));
                    Hessian[i * p + k] = h;
                    Hessian[k * p + i] = h;
                }
            }
        }
    }
}
