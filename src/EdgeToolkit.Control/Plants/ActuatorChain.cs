namespace EdgeToolkit.Control.Plants;

/// <summary>
/// What happens between a controller's command and the plant, once per control period:
/// 1. delay: the command issued at period k reaches the actuator at period k + DelayPeriods
///    (until then the actuator sees its initial value);
/// 2. saturation: the delayed command is clipped to [Min, Max];
/// 3. rate limit: the applied value moves toward it by at most RatePerSecond * period.
/// The applied value is then held constant over the period (zero-order hold).
/// </summary>
public sealed class ActuatorChain
{
    private readonly IReadOnlyList<InputChannel> _channels;
    private readonly double _period;
    private readonly Queue<double[]> _pending = new();
    private readonly double[] _applied;

    public ActuatorChain(IReadOnlyList<InputChannel> channels, double period, int delayPeriods)
    {
        if (delayPeriods < 0) throw new ArgumentOutOfRangeException(nameof(delayPeriods), "delay must be >= 0 periods");
        _channels = channels; _period = period; DelayPeriods = delayPeriods;
        _applied = new double[channels.Count];
        Reset();
    }

    public int DelayPeriods { get; }
    /// <summary>The input held over the current period (after delay, saturation and rate limit).</summary>
    public IReadOnlyList<double> Applied => _applied;

    public void Reset()
    {
        _pending.Clear();
        for (int i = 0; i < _channels.Count; i++) _applied[i] = _channels[i].Initial;
        var initial = _channels.Select(c => c.Initial).ToArray();
        for (int d = 0; d < DelayPeriods; d++) _pending.Enqueue((double[])initial.Clone());
    }

    /// <summary>Takes the command of this period and returns the input applied over it.</summary>
    public IReadOnlyList<double> Apply(ReadOnlySpan<double> command)
    {
        if (command.Length != _channels.Count)
            throw new ArgumentException($"expected {_channels.Count} commands, got {command.Length}");
        _pending.Enqueue(command.ToArray());
        var arrived = _pending.Dequeue();
        for (int i = 0; i < _channels.Count; i++)
        {
            var ch = _channels[i];
            double target = ch.Clamp(double.IsNaN(arrived[i]) ? _applied[i] : arrived[i]);
            double maxStep = ch.RatePerSecond * _period;
            _applied[i] += Math.Clamp(target - _applied[i], -maxStep, maxStep);
        }
        return _applied;
    }
}
