namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>
/// What one minute's burst showed: steps scaled to the minute, movement (mean change of the
/// acceleration between samples, g), and the pulse rate (null: no pulse at the sensor).
/// </summary>
public readonly record struct MinuteReading(double StepsPerMinute, double Movement, double? HeartRate)
{
    /// <summary>Below this movement the wrist is still (sensor noise is about 0.01 g).</summary>
    public const double StillMovementG = 0.03;
    public bool Still => Movement < StillMovementG;
    /// <summary>On a wrist: a pulse, or movement a watch lying on a table does not make.</summary>
    public bool Worn => HeartRate.HasValue || !Still;
}
