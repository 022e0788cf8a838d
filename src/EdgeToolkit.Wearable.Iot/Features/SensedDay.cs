namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>
/// What reading the sensors cost and found over a day: samples of each sensor, I2C transfers of
/// both buses, step jolts counted in the bursts (before scaling to the minute), minutes on the
/// wrist and with a pulse, and the main sleep's minutes asleep and in bed (0 without one).
/// </summary>
public sealed record SensingStats(
    long AccelerometerSamples,
    long PulseSamples,
    long I2cTransfers,
    int StepsDetected,
    int WornMinutes,
    int PulseMinutes,
    int SleepMinutes,
    int TimeInBedMinutes);

/// <summary>A sensed day: the model's 18 day columns (DayColumns.Names order, raw units), the sensing figures and the minute readings behind them.</summary>
public sealed record SensedDay(DateOnly Date, float[] Columns, SensingStats Stats, IReadOnlyList<MinuteReading> Minutes)
{
    public bool Worn => Columns[DayColumns.Worn] == 1f;
}
