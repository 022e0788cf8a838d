namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The Newton-Raphson controller of docs/controller.md in float32 (.NET), step for step: validate
/// the reading, update the disturbance estimate, predict the commands already sent, check the
/// fallbacks, then Gauss-Newton iterations on the normalised command z (LDL^T, barrier,
/// projection onto the limits and slew rate). The PID runs every period for the fallback.
/// One instance per loop and thread (all buffers are allocated once).
/// </summary>
public sealed class NewtonRaphsonController
{
    /// <summary>z stays this far inside (0, 1), where the barrier is finite.</summary>
    public const float ZMargin = 1e-4f;

    private readonly int _p, _m, _n, _d, _lu, _ly, _steps;
    private readonly PidController _pid;
    // State carried between periods (docs/controller.md, "one control period").
    private readonly float[] _uHist, _yHist, _yPred, _dist, _zPrev;
    private bool _yPredValid, _haveReading;
    private int _sensorRun, _mismatchRun;
    // Scratch of one period.
    private readonly float[] _reading, _window, _yhat, _sens, _jac, _hess, _grad, _dz, _z, _candidate, _uPid, _ldlL, _ldlD;

    public ControllerSettings Settings { get; }
    public IForwardModel Model { get; }
    public ControllerCounters Counters { get; } = new();
    /// <summary>The PID inside (fallback), tracking the commands sent.</summary>
    public PidController Pid => _pid;

    public NewtonRaphsonController(ControllerSettings settings, IForwardModel model)
    {
        SettingsCheck.Validate(settings, model);
        Settings = settings; Model = model;
        (_p, _m, _n, _d, _lu, _ly) = (settings.P, settings.M, settings.Features, settings.Delay, settings.InputLags, settings.OutputLags);
        _steps = _d + settings.Horizon;
        _pid = new PidController(settings);
        _uHist = new float[(_d + _lu) * _p];
        _yHist = new float[_ly * _m];
        _yPred = new float[_m];
        _dist = new float[_m];
        _zPrev = new float[_p];
        _reading = new float[_m];
        _window = new float[_n];
        _yhat = new float[_steps * _m];
        _sens = new float[_steps * _m * _p];
        _jac = new float[_m * _n];
        _hess = new float[_p * _p];
        _grad = new float[_p];
        _dz = new float[_p];
        _z = new float[_p];
        _candidate = new float[_p];
        _uPid = new float[_p];
        _ldlL = new float[_p * _p];
        _ldlD = new float[_p];
        Reset();
    }

    /// <summary>Back to the state after construction (histories from UInitial, counters zero).</summary>
    public void Reset()
    {
        var s = Settings;
        for (int r = 0; r < _d + _lu; r++) s.UInitial.AsSpan().CopyTo(_uHist.AsSpan(r * _p, _p));
        Array.Clear(_yHist);
        Array.Clear(_yPred);
        Array.Clear(_dist);
        for (int i = 0; i < _p; i++) _zPrev[i] = Normalised(s.UInitial[i], i);
        _yPredValid = _haveReading = false;
        _sensorRun = _mismatchRun = 0;
        _pid.Reset();
        var c = Counters;
        c.Steps = c.Fallbacks = c.FallbackSensor = c.FallbackMismatch = c.FallbackSingular = c.FallbackDiverged = 0;
        c.SensorFaults = c.NewtonIterations = c.SaturatedSteps = 0;
    }

    /// <summary>One period: y(k) and the references for y(k+D+1) .. y(k+D+Horizon) (Horizon x M, row-major) in, u(k) out.</summary>
    public ControlSource Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> reference, Span<float> command)
    {
        var s = Settings;
        if (measured.Length < _m || reference.Length < s.Horizon * _m || command.Length < _p)
            throw new ArgumentException($"Step needs {_m} readings, {s.Horizon * _m} reference values and room for {_p} commands");
        Counters.Steps++;
        bool valid = TakeReading(measured);
        if (valid) UpdateDisturbance();
        bool predicted = PredictSentCommands();
        _pid.Step(_reading, reference, _uHist.AsSpan(0, _p), _uPid);

        var source = _sensorRun > s.SensorHoldMax ? ControlSource.FallbackSensor
            : _mismatchRun >= s.MismatchSteps ? ControlSource.FallbackMismatch
            : !predicted ? ControlSource.FallbackDiverged
            : Newton(reference);
        if (source == ControlSource.Newton)
            for (int i = 0; i < _p; i++) command[i] = s.Lo[i] + _z[i] * (s.Hi[i] - s.Lo[i]);
        else
        {
            var fallback = s.Fallback == FallbackMode.Pid ? _uPid.AsSpan() : _uHist.AsSpan(0, _p);
            fallback.CopyTo(command);
            for (int i = 0; i < _p; i++) _z[i] = Normalised(command[i], i);
            CountFallback(source);
        }
        _pid.Track(command[.._p]);
        Commit(command);
        return source;
    }

    /// <summary>Steps 1-2: validate y(k), substitute the last valid reading when it is not, shift y_hist.</summary>
    private bool TakeReading(ReadOnlySpan<float> measured)
    {
        var s = Settings;
        bool valid = true;
        for (int o = 0; o < _m; o++)
            if (!(measured[o] >= s.YValidLo[o] && measured[o] <= s.YValidHi[o])) valid = false; // NaN fails both
        if (valid) { measured[.._m].CopyTo(_reading); _sensorRun = 0; }
        else
        {
            Counters.SensorFaults++;
            _sensorRun++;
            // Before any valid reading, y_hist row 0 is still the reset value (zeros).
            _yHist.AsSpan(0, _m).CopyTo(_reading);
        }
        if (valid && !_haveReading)
        {
            for (int r = 0; r < _ly; r++) _reading.CopyTo(_yHist.AsSpan(r * _m, _m));
            _haveReading = true;
        }
        else
        {
            _yHist.AsSpan(0, (_ly - 1) * _m).CopyTo(_yHist.AsSpan(_m));
            _reading.CopyTo(_yHist.AsSpan(0, _m));
        }
        return valid;
    }

    /// <summary>Step 3: innovation against last period's prediction, disturbance filter, mismatch run.</summary>
    private void UpdateDisturbance()
    {
        if (!_yPredValid) return;
        var s = Settings;
        float nu = 0f;
        for (int o = 0; o < _m; o++)
        {
            float e = _reading[o] - _yPred[o];
            _dist[o] += s.DisturbanceGain * (e - _dist[o]);
            nu = MathF.Max(nu, MathF.Abs(e) / s.YScale[o]);
        }
        _mismatchRun = nu > s.MismatchThreshold ? _mismatchRun + 1 : 0;
    }

    /// <summary>
    /// Step 4: y(k+1) .. y(k+D) from the commands already sent; y(k+1) is next period's y_pred,
    /// valid only when plausible, so that one bad model output cannot poison d. False: diverged.
    /// </summary>
    private bool PredictSentCommands()
    {
        for (int j = 0; j < _d; j++)
        {
            FillWindow(j);
            Model.Forward(_window, _yhat.AsSpan(j * _m, _m));
            bool plausible = PredictionPlausible(j);
            if (j == 0)
            {
                _yhat.AsSpan(0, _m).CopyTo(_yPred);
                _yPredValid = plausible;
            }
            if (!plausible) return false;
        }
        return true;
    }

    /// <summary>Step 6: Newton iterations from z_prev; the result is in _z, or a fallback reason.</summary>
    private ControlSource Newton(ReadOnlySpan<float> reference)
    {
        var s = Settings;
        // Start inside the barrier's domain: a fallback or u_initial may have left z_prev on a limit.
        for (int i = 0; i < _p; i++) _z[i] = MathF.Min(1f - ZMargin, MathF.Max(ZMargin, _zPrev[i]));
        bool saturated = false;
        for (int it = 0; it < s.MaxIterations; it++)
        {
            Counters.NewtonIterations++;
            for (int i = 0; i < _p; i++) _candidate[i] = s.Lo[i] + _z[i] * (s.Hi[i] - s.Lo[i]);
            for (int j = _d; j < _steps; j++)
            {
                FillWindow(j);
                Model.Jacobian(_window, _yhat.AsSpan(j * _m, _m), _jac);
                if (!PredictionPlausible(j)) return ControlSource.FallbackDiverged;
                Sensitivity(j);
            }
            GradientAndHessian(reference);
            for (int i = 0; i < _p; i++) if (!float.IsFinite(_grad[i])) return ControlSource.FallbackDiverged;
            if (!LdlSolver.TrySolve(_hess, _p, _grad, _dz, _ldlL, _ldlD)) return ControlSource.FallbackSingular;
            for (int i = 0; i < _p; i++) if (!float.IsFinite(_dz[i])) return ControlSource.FallbackDiverged;
            float largestStep = 0f;
            saturated = false;
            for (int i = 0; i < _p; i++)
            {
                float rate = s.Rate[i] / (s.Hi[i] - s.Lo[i]);
                float lo = MathF.Max(ZMargin, _zPrev[i] - rate), hi = MathF.Min(1f - ZMargin, _zPrev[i] + rate);
                float z = _z[i] - _dz[i];
                if (z < lo) { z = lo; saturated = true; }
                else if (z > hi) { z = hi; saturated = true; }
                largestStep = MathF.Max(largestStep, MathF.Abs(_dz[i]));
                _z[i] = z;
            }
            if (largestStep < s.Tolerance) break;
        }
        if (saturated) Counters.SaturatedSteps++;
        return ControlSource.Newton;
    }

    /// <summary>
    /// The window at time k+j: command block l is u(k+j-D-l) (the candidate once it is at or after
    /// k, else u_hist), output block l is y(k+j-l) (predicted, yhat[j-l-1] + d, once after k, else y_hist).
    /// </summary>
    private void FillWindow(int j)
    {
        int f = 0;
        for (int l = 0; l < _lu; l++)
        {
            int t = j - _d - l;
            var block = t >= 0 ? _candidate.AsSpan() : _uHist.AsSpan((-t - 1) * _p, _p);
            block.CopyTo(_window.AsSpan(f, _p));
            f += _p;
        }
        for (int l = 0; l < _ly; l++)
        {
            int t = j - l;
            if (t > 0)
                for (int o = 0; o < _m; o++) _window[f + o] = _yhat[(t - 1) * _m + o] + _dist[o];
            else
                _yHist.AsSpan(-t * _m, _m).CopyTo(_window.AsSpan(f, _m));
            f += _m;
        }
    }

    /// <summary>
    /// S[j] = d yhat[j] / dz: the candidate's command blocks directly (times range), plus the
    /// chain through predicted outputs that themselves depend on z (y(k+t) with t > D, whose
    /// sensitivity is S[t-1]).
    /// </summary>
    private void Sensitivity(int j)
    {
        var s = Settings;
        var sj = _sens.AsSpan(j * _m * _p, _m * _p);
        int commandBlocks = Math.Min(_lu - 1, j - _d), outputBlocks = Math.Min(_ly - 1, j - _d - 1);
        for (int o = 0; o < _m; o++)
            for (int i = 0; i < _p; i++)
            {
                float acc = 0f;
                for (int l = 0; l <= commandBlocks; l++) acc += _jac[o * _n + l * _p + i] * (s.Hi[i] - s.Lo[i]);
                for (int l = 0; l <= outputBlocks; l++)
                {
                    int earlier = (j - l - 1) * _m * _p;
                    for (int c = 0; c < _m; c++) acc += _jac[o * _n + _p * _lu + l * _m + c] * _sens[earlier + c * _p + i];
                }
                sj[o * _p + i] = acc;
            }
    }

    /// <summary>g and the Gauss-Newton H of sum q e^2 + sum lambda (z - z_prev)^2 + barrier.</summary>
    private void GradientAndHessian(ReadOnlySpan<float> reference)
    {
        var s = Settings;
        Array.Clear(_hess);
        for (int i = 0; i < _p; i++) _grad[i] = 0f;
        for (int j = _d; j < _steps; j++)
            for (int o = 0; o < _m; o++)
            {
                float e = reference[(j - _d) * _m + o] - (_yhat[j * _m + o] + _dist[o]);
                float q = s.Q[o];
                int row = j * _m * _p + o * _p;
                for (int i = 0; i < _p; i++)
                {
                    float si = _sens[row + i];
                    _grad[i] += q * si * e;
                    for (int k = 0; k < _p; k++) _hess[i * _p + k] += q * si * _sens[row + k];
                }
            }
        float b = s.Barrier;
        for (int i = 0; i < _p; i++)
        {
            float z = _z[i], w = 1f - z;
            float barrierSlope = b * (1f / (w * w) - 1f / (z * z));
            float barrierCurvature = b * (2f / (z * z * z) + 2f / (w * w * w));
            _grad[i] = -2f * _grad[i] + 2f * s.Lambda[i] * (z - _zPrev[i]) + barrierSlope;
            for (int k = 0; k < _p; k++) _hess[i * _p + k] *= 2f;
            _hess[i * _p + i] += 2f * s.Lambda[i] + barrierCurvature;
        }
    }

    /// <summary>A finite prediction within 10 output scales of the valid band, else the model has left its data.</summary>
    private bool PredictionPlausible(int j)
    {
        var s = Settings;
        for (int o = 0; o < _m; o++)
        {
            float y = _yhat[j * _m + o];
            if (!float.IsFinite(y) || y < s.YValidLo[o] - 10f * s.YScale[o] || y > s.YValidHi[o] + 10f * s.YScale[o]) return false;
        }
        return true;
    }

    private void CountFallback(ControlSource source)
    {
        var c = Counters;
        c.Fallbacks++;
        switch (source)
        {
            case ControlSource.FallbackSensor: c.FallbackSensor++; break;
            case ControlSource.FallbackMismatch: c.FallbackMismatch++; break;
            case ControlSource.FallbackSingular: c.FallbackSingular++; break;
            case ControlSource.FallbackDiverged: c.FallbackDiverged++; break;
        }
    }

    /// <summary>Step 9: u(k) into u_hist, z_prev = z.</summary>
    private void Commit(ReadOnlySpan<float> command)
    {
        _uHist.AsSpan(0, (_d + _lu - 1) * _p).CopyTo(_uHist.AsSpan(_p));
        command[.._p].CopyTo(_uHist.AsSpan(0, _p));
        _z.CopyTo(_zPrev);
    }

    private float Normalised(float u, int i) => (u - Settings.Lo[i]) / (Settings.Hi[i] - Settings.Lo[i]);
}
