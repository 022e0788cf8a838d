using System;

namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The model rolled out over one period's prediction steps (docs/controller.md steps 4 and 6):
    /// Predictions row j is yhat[j] = y(k+1+j), j = 0 .. D+N-1; Sensitivities row j is
    /// S[j] = d yhat[j] / dz ([M x P]), zero for j &lt; D (those outputs cannot depend on z).
    /// Reads the controller's histories (shared arrays: u_hist row r = u(k-1-r), y_hist row l = y(k-l)).
    /// </summary>
    public sealed class NrRollout
    {
        private readonly NrSettings _s;
        private readonly MlpModel _model;
        private readonly float[] _uHistory;
        private readonly float[] _yHistory;
        private readonly float[] _range;
        private readonly int _p, _m, _n, _delay, _steps;
        private readonly float[] _window;
        private readonly float[] _output;
        private readonly float[] _jacobian;
        private readonly float[] _candidate;
        private readonly float[] _disturbance;

        public float[] Predictions { get; }
        public float[] Sensitivities { get; }

        public NrRollout(NrSettings s, MlpModel model, float[] uHistory, float[] yHistory, float[] range, float[] disturbance)
        {
            _disturbance = disturbance;
            _s = s;
            _model = model;
            _uHistory = uHistory;
            _yHistory = yHistory;
            _range = range;
            _p = s.P;
            _m = s.M;
            _n = s.Features;
            _delay = s.Delay;
            _steps = s.Delay + s.Horizon;
            _window = new float[_n];
            _output = new float[_m];
            _jacobian = new float[_m * _n];
            _candidate = new float[_p];
            Predictions = new float[_steps * _m];
            Sensitivities = new float[_steps * _m * _p];
        }

        /// <summary>Step 4: yhat[0 .. D-1], which only commands already sent determine.</summary>
        public void PredictFree()
        {
            for (int j = 0; j < _delay; j++)
            {
                FillWindow(j);
                _model.Forward(_window, _output);
                Array.Copy(_output, 0, Predictions, j * _m, _m);
            }
        }

        /// <summary>Step 6's rollout for the candidate z: yhat[D .. D+N-1] and their sensitivities.</summary>
        public void Roll(float[] z)
        {
            for (int i = 0; i < _p; i++) _candidate[i] = _s.Lo[i] + z[i] * _range[i];
            for (int j = _delay; j < _steps; j++)
            {
                FillWindow(j);
                _model.Jacobian(_window, _output, _jacobian);
                Array.Copy(_output, 0, Predictions, j * _m, _m);
                FillSensitivity(j);
            }
        }

        /// <summary>False when a prediction is non-finite or outside [y_valid_lo - 10 y_scale, y_valid_hi + 10 y_scale].</summary>
        public bool PredictionsPlausible()
        {
            for (int j = 0; j < _steps; j++)
                for (int o = 0; o < _m; o++)
                {
                    float y = Predictions[j * _m + o], margin = 10.0f * _s.YScale[o];
                    if (!FloatMath.IsFinite(y) || y < _s.YValidLo[o] - margin || y > _s.YValidHi[o] + margin) return false;
                }
            return true;
        }

        /// <summary>
        /// The window for yhat[j]: command block l is u(k+j-D-l), the candidate once that is u(k)
        /// or later, else u_hist row D+l-j-1; output block l is y(k+j-l), predicted (yhat[j-l-1]
        /// plus the disturbance estimate) once that is after y(k), else y_hist row l-j.
        /// </summary>
        private void FillWindow(int j)
        {
            int p = _p, m = _m;
            for (int l = 0; l < _s.InputLags; l++)
            {
                int t = j - _delay - l;
                if (t >= 0) Array.Copy(_candidate, 0, _window, l * p, p);
                else Array.Copy(_uHistory, (-t - 1) * p, _window, l * p, p);
            }
            int outputs = p * _s.InputLags;
            for (int l = 0; l < _s.OutputLags; l++)
            {
                int t = j - l;
                if (t > 0)
                    for (int o = 0; o < m; o++) _window[outputs + l * m + o] = Predictions[(t - 1) * m + o] + _disturbance[o];
                else Array.Copy(_yHistory, -t * m, _window, outputs + l * m, m);
            }
        }

        /// <summary>
        /// S[j][o][i] = sum over candidate command blocks of J[o][l*p+i] range[i] + sum over output
        /// blocks that are z-dependent predictions y(k+j-l), j-l > D, of sum_c J[o][p*Lu+l*m+c] S[j-l-1][c][i].
        /// (docs/controller.md writes S[j-l]; the sensitivity of y(k+j-l) = yhat[j-l-1] is S[j-l-1].)
        /// </summary>
        private void FillSensitivity(int j)
        {
            int p = _p, m = _m, n = _n, outputs = p * _s.InputLags;
            float[] jac = _jacobian, sens = Sensitivities;
            for (int o = 0; o < m; o++)
                for (int i = 0; i < p; i++)
                {
                    float s = 0.0f;
                    for (int l = 0; l < _s.InputLags && j - _delay - l >= 0; l++)
                        s += jac[o * n + l * p + i] * _range[i];
                    for (int l = 0; l < _s.OutputLags && j - l > _delay; l++)
                    {
                        int earlier = (j - l - 1) * m;
                        for (int c = 0; c < m; c++)
                            s += jac[o * n + outputs + l * m + c] * sens[(earlier + c) * p + i];
                    }
                    sens[(j * m + o) * p + i] = s;
                }
        }
    }
}
