namespace EdgeToolkit.Wearable.Iot.Simulation;

/// <summary>What the wearer does in a minute of the simulated day.</summary>
public enum MinuteKind { OffWrist, Asleep, AwakeInBed, Sedentary, Light, Moderate, Very }

/// <summary>
/// One minute of the schedule: the activity, the steps taken (evenly spaced through the minute)
/// and the heart rate (NaN: no pulse reaches the sensor, off the wrist or poor skin contact).
/// </summary>
public readonly record struct MinutePlan(MinuteKind Kind, int Steps, double HeartRate)
{
    public bool HasPulse => !double.IsNaN(HeartRate);
    /// <summary>Small wrist movements without steps: typing, fidgeting, tossing in bed.</summary>
    public bool Fidgets => Kind is MinuteKind.AwakeInBed or MinuteKind.Sedentary;
    /// <summary>
    /// Arm work of the minute's level (housework, brisk arm work, gym): what shows an active
    /// minute whatever its steps, so any day's step total fits its activity minutes.
    /// </summary>
    public bool ArmWork => Kind >= MinuteKind.Light;
}
