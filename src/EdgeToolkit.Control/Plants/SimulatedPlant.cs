using EdgeToolkit.Control.Simulation;

namespace EdgeToolkit.Control.Plants;

/// <summary>
/// The shared loop of the simulated plants: actuator chain, SubSteps RK4 steps per period with
/// the applied input held, non-integrated states (hysteresis) committed after each sub-step,
/// then noisy measurement. Subclasses give the dynamics and the output map.
/// </summary>
public abstract class SimulatedPlant : IPlant
{
    private readonly ActuatorChain _actuators;
    private readonly Rk4 _rk4;
    private readonly Rk4.Derivative _derivative;
    private readonly double[] _x, _u, _yTrue, _yMeasured;
    private GaussianNoise _noise = new(0);
    private long _periods;

    protected SimulatedPlant(PlantSpec spec, IReadOnlyList<string> stateNames)
    {
        if (spec.SubSteps < 1) throw new ArgumentOutOfRangeException(nameof(spec), "at least one sub-step per period");
        Spec = spec; StateNames = stateNames;
        _actuators = new ActuatorChain(spec.Inputs, spec.Period, spec.DelayPeriods);
        _rk4 = new Rk4(stateNames.Count);
        _x = new double[stateNames.Count];
        _u = new double[spec.InputCount];
        _yTrue = new double[spec.OutputCount];
        _yMeasured = new double[spec.OutputCount];
        _derivative = (x, dx) => Derivative(x, _u, dx);
    }

    public PlantSpec Spec { get; }
    public IReadOnlyList<string> StateNames { get; }
    public double[] State => (double[])_x.Clone();
    public IReadOnlyList<double> AppliedInput => _u;
    public IReadOnlyList<double> Measured => _yMeasured;
    public IReadOnlyList<double> TrueOutputs => _yTrue;
    public double Time => _periods * Spec.Period;

    public void Reset(int noiseSeed)
    {
        _noise = new GaussianNoise(noiseSeed);
        _actuators.Reset();
        for (int i = 0; i < _u.Length; i++) _u[i] = Spec.Inputs[i].Initial;
        InitialState(_x);
        ResetInternal();
        _periods = 0;
        Measure();
    }

    public double[] Step(ReadOnlySpan<double> command)
    {
        var applied = _actuators.Apply(command);
        for (int i = 0; i < _u.Length; i++) _u[i] = applied[i];
        double h = Spec.Period / Spec.SubSteps;
        for (int s = 0; s < Spec.SubSteps; s++)
        {
            _rk4.Step(_x, h, _derivative);
            AfterSubStep(_x);
        }
        _periods++;
        Measure();
        return (double[])_yMeasured.Clone();
    }

    private void Measure()
    {
        Outputs(_x, _yTrue);
        for (int i = 0; i < _yTrue.Length; i++) _yMeasured[i] = _yTrue[i] + Spec.Outputs[i].NoiseStd * _noise.Next();
    }

    protected abstract void InitialState(Span<double> x);
    /// <summary>dx/dt at state x under the applied input u.</summary>
    protected abstract void Derivative(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> dx);
    /// <summary>Noise-free outputs of state x.</summary>
    protected abstract void Outputs(ReadOnlySpan<double> x, Span<double> y);
    /// <summary>Commits states that are not integrated (play-operator memory) after each sub-step.</summary>
    protected virtual void AfterSubStep(ReadOnlySpan<double> x) { }
    /// <summary>Resets states that are not integrated.</summary>
    protected virtual void ResetInternal() { }
}
