namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// One row per period k: Time = (k+1) T, Reference r(k+1), Measured y(k+1) (with sensor noise,
/// before any injected fault), TrueOutput (noise-free), Command u(k) as sent by the controller,
/// Applied what the plant received (differs under a stuck actuator), Source the controller that
/// produced u(k) ("newton", "fallback_sensor", ..., or "pid" for the PID baseline).
/// </summary>
public sealed class ClosedLoopLog
{
    public List<double> Time { get; } = new();
    public List<double[]> Reference { get; } = new();
    public List<double[]> Measured { get; } = new();
    public List<double[]> TrueOutput { get; } = new();
    public List<double[]> Command { get; } = new();
    public List<double[]> Applied { get; } = new();
    public List<string> Source { get; } = new();
    public int Count => Time.Count;
}
