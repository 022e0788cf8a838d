namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The PID of docs/controller.md: the baseline, and the Newton controller's fallback. One loop
    /// per tracked output; derivative on the measurement through a first-order filter; integrator
    /// kept in step with the command actually sent by back-calculation (Track), so that taking over
    /// from Newton is bumpless. Allocates only in the constructor.
    /// </summary>
    public sealed class Pid
    {
        private readonly NrSettings _s;
        private readonly float[] _integral;
        private readonly float[] _dterm;
        private readonly float[] _yPrevious;
        private readonly float[] _v;
        private readonly float[] _uRaw;
        private bool _started;

        public Pid(NrSettings settings)
        {
            _s = settings;
            int loops = settings.PidLoops;
            _integral = new float[loops];
            _dterm = new float[loops];
            _yPrevious = new float[loops];
            _v = new float[loops];
            _uRaw = new float[settings.P];
        }

        public void Reset()
        {
            for (int l = 0; l < _integral.Length; l++) _integral[l] = _dterm[l] = _yPrevious[l] = 0.0f;
            for (int i = 0; i < _uRaw.Length; i++) _uRaw[i] = 0.0f;
            _started = false;
        }

        /// <summary>
        /// y[M] is y(k), reference's first row r(k+D+1) (the PID has no preview beyond the delay),
        /// uLast[P] is u(k-1); writes u[P] clipped to the limits and to u(k-1) +- rate.
        /// </summary>
        public void Step(float[] y, float[] reference, float[] uLast, float[] u)
        {
            NrSettings s = _s;
            float period = s.Period;
            for (int l = 0; l < _v.Length; l++)
            {
                int o = s.PidOutput[l];
                float yo = y[o], e = reference[o] - yo;
                // First period: no previous measurement, so no derivative kick.
                if (!_started) _yPrevious[l] = yo;
                _integral[l] += s.Ki[l] * period * e;
                _dterm[l] = (s.Tf[l] * _dterm[l] - s.Kd[l] * (yo - _yPrevious[l])) / (s.Tf[l] + period);
                _yPrevious[l] = yo;
                _v[l] = s.Kp[l] * e + _integral[l] + _dterm[l];
            }
            _started = true;
            int p = s.P;
            for (int i = 0; i < p; i++)
            {
                float ui = s.U0[i];
                for (int l = 0; l < _v.Length; l++) ui += s.Mix[l * p + i] * _v[l];
                _uRaw[i] = ui;
                float lower = FloatMath.Max(s.Lo[i], uLast[i] - s.Rate[i]);
                float upper = FloatMath.Min(s.Hi[i], uLast[i] + s.Rate[i]);
                u[i] = ui < lower ? lower : ui > upper ? upper : ui;
            }
        }

        /// <summary>
        /// Back-calculation, after every period, on the command actually sent (the PID's own clipped
        /// command when it runs alone, the Newton command while Newton is in charge) against the
        /// last unclipped command, so that saturation does not wind the integrator up.
        /// </summary>
        public void Track(float[] uSent)
        {
            NrSettings s = _s;
            int p = s.P;
            float period = s.Period;
            for (int l = 0; l < _v.Length; l++)
            {
                float pulled = 0.0f, norm = 0.0f;
                for (int i = 0; i < p; i++)
                {
                    float mix = s.Mix[l * p + i];
                    pulled += mix * (uSent[i] - _uRaw[i]);
                    norm += mix * mix;
                }
                // No integrator (ki = 0): nothing to wind up, and pulling it would leave an offset.
                if (norm == 0.0f || s.Ki[l] == 0.0f) continue;
                float ti = s.Kp[l] / s.Ki[l];
                float kaw = 1.0f / FloatMath.Max(period, ti);
                _integral[l] += kaw * period * pulled / norm;
            }
        }
    }
}
