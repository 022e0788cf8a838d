namespace EdgeToolkit.Wearable.Iot.Wearer;

/// <summary>
/// One day as it really happened to the wearer, in PMData's units (the fields a wrist tracker
/// senses; self-reports are not sensed). A null activity field means the watch was not worn that
/// day; null sleep fields mean the night was not logged (the watch was off the wrist). The day
/// runs from the night that ended this morning through the evening, 1,440 minutes.
/// </summary>
public sealed record WearerDay(
    DateOnly Date,
    double? Steps,
    double? SedentaryMinutes,
    double? LightlyActiveMinutes,
    double? ModeratelyActiveMinutes,
    double? VeryActiveMinutes,
    double? RestingHeartRate,
    double? OutOfRangeMinutes,
    double? FatBurnMinutes,
    double? CardioMinutes,
    double? PeakMinutes,
    double? SleepMinutes,
    double? SleepEfficiency)
{
    public bool Worn => Steps.HasValue;
    public bool SleepLogged => Worn && SleepMinutes.HasValue && SleepEfficiency.HasValue;
}
