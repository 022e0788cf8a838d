using System;

namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The Newton-Raphson controller of docs/controller.md in float32 for nanoFramework: it inverts
    /// the learned forward model every period by Newton steps on the normalised command z, with
    /// limits, slew rate, sensor/mismatch/singular/divergence fallbacks and the PID inside. Every
    /// buffer is allocated by the constructor: Step allocates nothing, so it never wakes the GC.
    /// </summary>
    public sealed class NrController
    {
        /// <summary>Projection margin: z stays inside (0, 1), where the barrier is finite.</summary>
        private const float Margin = 1e-4f;

        private readonly int _p, _m, _uRows, _yRows;
        private readonly float[] _range;
        private readonly float[] _uHistory;
        private readonly float[] _yHistory;
        private readonly float[] _reading;
        private readonly float[] _yPredicted;
        private readonly float[] _disturbance;
        private readonly float[] _zPrevious;
        private readonly float[] _z;
        private readonly float[] _dz;
        private readonly float[] _uPid;
        private readonly NrRollout _rollout;
        private readonly NrNewtonSystem _system;
        private readonly LdlSolver _solver;
        private readonly Pid _pid;
        private bool _yPredictedValid, _haveReading;
        private int _sensorRun, _mismatchRun;

        public NrSettings Settings { get; }
        public MlpModel Model { get; }
        public NrCounters Counters { get; } = new NrCounters();

        /// <summary>Throws ArgumentException when the settings do not fit the model (see NrSettings.Check).</summary>
        public NrController(NrSettings settings, MlpModel model)
        {
            settings.Check(model.Inputs, model.Outputs);
            Settings = settings;
            Model = model;
            _p = settings.P;
            _m = settings.M;
            _uRows = settings.Delay + settings.InputLags;
            _yRows = settings.OutputLags;
            _range = new float[_p];
            for (int i = 0; i < _p; i++) _range[i] = settings.Hi[i] - settings.Lo[i];
            _uHistory = new float[_uRows * _p];
            _yHistory = new float[_yRows * _m];
            _reading = new float[_m];
            _yPredicted = new float[_m];
            _disturbance = new float[_m];
            _zPrevious = new float[_p];
            _z = new float[_p];
            _dz = new float[_p];
            _uPid = new float[_p];
            _rollout = new NrRollout(settings, model, _uHistory, _yHistory, _range, _disturbance);
            _system = new NrNewtonSystem(settings);
            _solver = new LdlSolver(_p);
            _pid = new Pid(settings);
            Reset();
        }

        /// <summary>Back to the state after construction: histories from UInitial, counters zero.</summary>
        public void Reset()
        {
            NrSettings s = Settings;
            for (int r = 0; r < _uRows; r++) Array.Copy(s.UInitial, 0, _uHistory, r * _p, _p);
            for (int i = 0; i < _p; i++) _zPrevious[i] = (s.UInitial[i] - s.Lo[i]) / _range[i];
            // No reading yet: these zeros stand in for an invalid first reading; the first valid
            // reading overwrites every row (step 2).
            Array.Clear(_yHistory, 0, _yHistory.Length);
            Array.Clear(_disturbance, 0, _m);
            _yPredictedValid = _haveReading = false;
            _sensorRun = _mismatchRun = 0;
            _pid.Reset();
            Counters.Clear();
        }

        /// <summary>
        /// One period: measured[M] is y(k), reference[Horizon*M] the references for y(k+D+1) ..
        /// y(k+D+Horizon); writes command[P] = u(k) and returns which controller produced it.
        /// </summary>
        public NrSource Step(float[] measured, float[] reference, float[] command)
        {
            Counters.Steps++;
            bool valid = TakeReading(measured);
            if (valid) UpdateInnovation();
            _rollout.PredictFree();
            KeepPrediction();
            _pid.Step(_reading, reference, _uHistory, _uPid);

            NrSource source = _sensorRun > Settings.SensorHoldMax ? NrSource.FallbackSensor
                : _mismatchRun >= Settings.MismatchSteps ? NrSource.FallbackMismatch
                : Newton(reference);
            if (source == NrSource.Newton)
                for (int i = 0; i < _p; i++) command[i] = Settings.Lo[i] + _z[i] * _range[i];
            else
                Fallback(source, command);

            _pid.Track(command);
            Commit(command);
            return source;
        }

        /// <summary>Steps 1 and 2: validate y(k) (or substitute the last valid reading) and shift it into y_hist.</summary>
        private bool TakeReading(float[] measured)
        {
            NrSettings s = Settings;
            bool valid = true;
            for (int o = 0; o < _m; o++)
            {
                float y = measured[o];
                if (!FloatMath.IsFinite(y) || y < s.YValidLo[o] || y > s.YValidHi[o]) valid = false;
            }
            if (valid)
            {
                _sensorRun = 0;
                Array.Copy(measured, _reading, _m);
            }
            else
            {
                Counters.SensorFaults++;
                _sensorRun++;
                Array.Copy(_yHistory, _reading, _m);
            }
            ShiftOlder(_yHistory, _m);
            Array.Copy(_reading, _yHistory, _m);
            if (valid && !_haveReading)
            {
                for (int r = 1; r < _yRows; r++) Array.Copy(_reading, 0, _yHistory, r * _m, _m);
                _haveReading = true;
            }
            return valid;
        }

        /// <summary>Step 3: disturbance filter and mismatch run from the innovation y(k) - y_pred.</summary>
        private void UpdateInnovation()
        {
            if (!_yPredictedValid) return;
            NrSettings s = Settings;
            float worst = 0.0f;
            for (int o = 0; o < _m; o++)
            {
                float e = _reading[o] - _yPredicted[o];
                _disturbance[o] += s.DisturbanceGain * (e - _disturbance[o]);
                worst = FloatMath.Max(worst, FloatMath.Abs(e) / s.YScale[o]);
            }
            _mismatchRun = worst > s.MismatchThreshold ? _mismatchRun + 1 : 0;
        }

        /// <summary>
        /// Step 4's y_pred = yhat[0], for the next period's innovation. Only a finite prediction
        /// from a real reading counts: a NaN kept here would poison d for good.
        /// </summary>
        private void KeepPrediction()
        {
            float[] yhat = _rollout.Predictions;
            bool finite = true;
            for (int o = 0; o < _m; o++)
            {
                _yPredicted[o] = yhat[o];
                if (!FloatMath.IsFinite(yhat[o])) finite = false;
            }
            _yPredictedValid = _haveReading && finite;
        }

        /// <summary>Step 6: Newton iterations on z from z_prev; Newton, or the reason it gave up.</summary>
        private NrSource Newton(float[] reference)
        {
            NrSettings s = Settings;
            // z_prev sits on a bound after a fallback to a saturated command (or a UInitial at a
            // limit), where the barrier is infinite: start from its projection into [eps, 1-eps].
            for (int i = 0; i < _p; i++)
                _z[i] = FloatMath.Min(1.0f - Margin, FloatMath.Max(Margin, _zPrevious[i]));
            bool saturated = false;
            for (int it = 0; it < s.MaxIterations; it++)
            {
                Counters.NewtonIterations++;
                _rollout.Roll(_z);
                if (!_rollout.PredictionsPlausible()) return NrSource.FallbackDiverged;
                _system.Build(_z, _zPrevious, reference, _disturbance, _rollout);
                if (!AllFinite(_system.Gradient)) return NrSource.FallbackDiverged;
                if (!_solver.Solve(_system.Hessian, _system.Gradient, _dz)) return NrSource.FallbackSingular;
                if (!AllFinite(_dz)) return NrSource.FallbackDiverged;
                saturated = ProjectStep();
                float largest = 0.0f;
                for (int i = 0; i < _p; i++) largest = FloatMath.Max(largest, FloatMath.Abs(_dz[i]));
                if (largest < s.Tolerance) break;
            }
            // "A projection bound was active": in the iteration that produced the command.
            if (saturated) Counters.SaturatedSteps++;
            return NrSource.Newton;
        }

        /// <summary>z -= dz, then into the limits and the slew-rate window around z_prev; true when a bound was hit.</summary>
        private bool ProjectStep()
        {
            NrSettings s = Settings;
            bool hit = false;
            for (int i = 0; i < _p; i++)
            {
                float step = s.Rate[i] / _range[i];
                float lower = FloatMath.Max(Margin, _zPrevious[i] - step);
                float upper = FloatMath.Min(1.0f - Margin, _zPrevious[i] + step);
                float zi = _z[i] - _dz[i];
                if (zi < lower) { zi = lower; hit = true; }
                else if (zi > upper) { zi = upper; hit = true; }
                _z[i] = zi;
            }
            return hit;
        }

        /// <summary>Step 7 on a fallback: the PID's command or u(k-1), and z to match.</summary>
        private void Fallback(NrSource reason, float[] command)
        {
            NrSettings s = Settings;
            Array.Copy(s.Fallback == NrFallbackMode.Pid ? _uPid : _uHistory, command, _p);
            for (int i = 0; i < _p; i++) _z[i] = (command[i] - s.Lo[i]) / _range[i];
            Counters.Fallbacks++;
            switch (reason)
            {
                case NrSource.FallbackSensor: Counters.FallbackSensor++; break;
                case NrSource.FallbackMismatch: Counters.FallbackMismatch++; break;
                case NrSource.FallbackSingular: Counters.FallbackSingular++; break;
                default: Counters.FallbackDiverged++; break;
            }
        }

        /// <summary>Step 9: u(k) into u_hist row 0, z_prev = z.</summary>
        private void Commit(float[] command)
        {
            ShiftOlder(_uHistory, _p);
            Array.Copy(command, _uHistory, _p);
            Array.Copy(_z, _zPrevious, _p);
        }

        /// <summary>
        /// Every row one older (the oldest drops out), row 0 left as it was. Written out, back to
        /// front, rather than an overlapping Array.Copy, whose overlap handling is a runtime detail.
        /// </summary>
        private static void ShiftOlder(float[] rows, int width)
        {
            for (int i = rows.Length - 1; i >= width; i--) rows[i] = rows[i - width];
        }

        private bool AllFinite(float[] values)
        {
            for (int i = 0; i < _p; i++)
                if (!FloatMath.IsFinite(values[i])) return false;
            return true;
        }
    }
}
