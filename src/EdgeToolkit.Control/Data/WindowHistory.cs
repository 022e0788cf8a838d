namespace EdgeToolkit.Control.Data;

/// <summary>
/// The last few commands and measurements of a running loop, to build the forward model's
/// window online (same order as WindowLayout.Fill). Missing past commands are the actuators'
/// initial values (the plant at rest before the first step); missing past measurements repeat
/// the oldest one. Per period: Observe(y(k)) with the fresh measurement, FillWindow (with a
/// candidate u(k), used only when the layout has no input delay), then Commit(u(k)).
/// </summary>
public sealed class WindowHistory
{
    private readonly WindowLayout _layout;
    private readonly double[] _initialCommand;
    private readonly List<double[]> _u = new(), _y = new();

    public WindowHistory(WindowLayout layout, IReadOnlyList<double>? initialCommand = null)
    {
        _layout = layout;
        _initialCommand = initialCommand?.ToArray() ?? new double[layout.InputCount];
        if (_initialCommand.Length != layout.InputCount) throw new ArgumentException($"expected {layout.InputCount} initial commands");
    }

    public void Reset() { _u.Clear(); _y.Clear(); }

    /// <summary>Records y(k), the measurement at the start of period k.</summary>
    public void Observe(IReadOnlyList<double> measured)
    {
        if (measured.Count != _layout.OutputCount) throw new ArgumentException($"expected {_layout.OutputCount} outputs, got {measured.Count}");
        _y.Add(measured.ToArray());
        if (_y.Count > _layout.OutputLags) _y.RemoveAt(0);
    }

    /// <summary>Records u(k), the command sent in period k.</summary>
    public void Commit(IReadOnlyList<double> command)
    {
        if (command.Count != _layout.InputCount) throw new ArgumentException($"expected {_layout.InputCount} commands, got {command.Count}");
        _u.Add(command.ToArray());
        if (_u.Count > _layout.InputDelay + _layout.InputLags) _u.RemoveAt(0);
    }

    /// <summary>The window at time k; u(k) = candidate when the layout uses it (no input delay).</summary>
    public void FillWindow(Span<float> features, ReadOnlySpan<double> candidate)
    {
        if (_y.Count == 0) throw new InvalidOperationException("observe a measurement before building a window");
        int i = 0;
        for (int lag = _layout.InputDelay; lag < _layout.InputDelay + _layout.InputLags; lag++)
        {
            // _u holds u(k-_u.Count) .. u(k-1); u(k-lag) sits at _u.Count - lag.
            int at = _u.Count - lag;
            for (int c = 0; c < _layout.InputCount; c++)
                features[i++] = (float)(lag == 0 ? candidate[c] : at >= 0 ? _u[at][c] : _initialCommand[c]);
        }
        for (int lag = 0; lag < _layout.OutputLags; lag++)
        {
            var y = _y[Math.Max(0, _y.Count - 1 - lag)];
            for (int c = 0; c < _layout.OutputCount; c++) features[i++] = (float)y[c];
        }
    }
}
