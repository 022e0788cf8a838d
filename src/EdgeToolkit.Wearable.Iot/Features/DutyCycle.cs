namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>
/// How much of each minute the sensors run. Wearables sample in bursts to save power; the
/// minute's steps are the burst's count scaled to the minute, its heart rate the burst's pulse
/// rate. Default: 10 s per minute (1/6 duty) at 25 Hz for both the accelerometer and the PPG.
/// </summary>
public sealed record DutyCycle(double WindowSeconds = 10, double SampleHz = 25)
{
    public static readonly DutyCycle Default = new();
    public int SamplesPerWindow => (int)Math.Round(WindowSeconds * SampleHz);
    public double SamplePeriod => 1.0 / SampleHz;
}
