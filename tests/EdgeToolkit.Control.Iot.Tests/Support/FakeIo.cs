using EdgeToolkit.Control.Iot.Loop;

namespace EdgeToolkit.Control.Iot.Tests.Support;

/// <summary>A sensor reading period-numbered values (output o in period k reads k + o/10) that fails on chosen periods.</summary>
public sealed class CountingSensor(int outputs) : IOutputSensor
{
    private long _reads;
    public Dictionary<long, Exception> Failures { get; } = new();
    public int Outputs => outputs;

    public void Read(Span<float> values)
    {
        long k = _reads++;
        if (Failures.TryGetValue(k, out var failure)) throw failure;
        for (int o = 0; o < outputs; o++) values[o] = k + o / 10f;
    }
}

/// <summary>An actuator that records every write (the safe command on exit included) and fails on chosen writes.</summary>
public sealed class RecordingActuator(int commands) : ICommandActuator
{
    public List<float[]> Writes { get; } = new();
    public HashSet<int> FailingWrites { get; } = new();
    public int Commands => commands;

    public void Write(ReadOnlySpan<float> values)
    {
        bool fail = FailingWrites.Contains(Writes.Count);
        Writes.Add(values.ToArray());
        if (fail) throw new IOException("Error 121 performing I2C data transfer.");
    }
}
