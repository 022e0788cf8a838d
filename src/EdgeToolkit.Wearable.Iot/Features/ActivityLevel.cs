namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>Fitbit's four activity levels of a minute, lowest first.</summary>
public enum ActivityLevel { Sedentary, Light, Moderate, Very }

/// <summary>Fitbit's default heart-rate zones, lowest first.</summary>
public enum HeartRateZone { OutOfRange, FatBurn, Cardio, Peak }

/// <summary>
/// The minute classification rules (Fitbit-like: its active minutes come from METs, estimated from
/// steps, arm movement and heart rate). By cadence: under 10 steps/min sedentary, under 80 light,
/// under 115 moderate (walking), else very active (brisk walking, running). By arm movement (the
/// mean change of the acceleration between 25 Hz samples, actigraphy's activity counts): from
/// 0.12 g light (housework), from 0.3 g moderate, from 0.6 g very active (gym work, rowing);
/// sitting and typing stay under 0.1 g. By heart rate: the cardio and peak zones make a minute
/// very active, fat burn at least light. A minute's level is the highest of the three.
/// </summary>
public static class ActivityRules
{
    public const double LightCadence = 10, ModerateCadence = 80, VeryCadence = 115;
    public const double LightMovementG = 0.12, ModerateMovementG = 0.3, VeryMovementG = 0.6;

    public static ActivityLevel ByMovement(double movementG) =>
        movementG >= VeryMovementG ? ActivityLevel.Very
        : movementG >= ModerateMovementG ? ActivityLevel.Moderate
        : movementG >= LightMovementG ? ActivityLevel.Light
        : ActivityLevel.Sedentary;

    /// <summary>The highest of the cadence, movement and heart-rate levels (zone null: no pulse).</summary>
    public static ActivityLevel Level(double stepsPerMinute, double movementG, HeartRateZone? zone)
    {
        var level = ByCadence(stepsPerMinute);
        if (ByMovement(movementG) > level) level = ByMovement(movementG);
        if (zone is HeartRateZone z && ByZone(z) > level) level = ByZone(z);
        return level;
    }

    public static ActivityLevel ByCadence(double stepsPerMinute) =>
        stepsPerMinute >= VeryCadence ? ActivityLevel.Very
        : stepsPerMinute >= ModerateCadence ? ActivityLevel.Moderate
        : stepsPerMinute >= LightCadence ? ActivityLevel.Light
        : ActivityLevel.Sedentary;

    public static ActivityLevel ByZone(HeartRateZone zone) => zone switch
    {
        HeartRateZone.Peak or HeartRateZone.Cardio => ActivityLevel.Very,
        HeartRateZone.FatBurn => ActivityLevel.Light,
        _ => ActivityLevel.Sedentary,
    };

    /// <summary>Fitbit's defaults from the maximum heart rate 220 - age: fat burn from 50 %, cardio from 70 %, peak from 85 %.</summary>
    public static HeartRateZone Zone(double bpm, double maxHeartRate) =>
        bpm >= 0.85 * maxHeartRate ? HeartRateZone.Peak
        : bpm >= 0.70 * maxHeartRate ? HeartRateZone.Cardio
        : bpm >= 0.50 * maxHeartRate ? HeartRateZone.FatBurn
        : HeartRateZone.OutOfRange;
}
