namespace EdgeToolkit.Wearable.Iot.Wearer;

/// <summary>
/// What the watch is told about its wearer at setup: age (Fitbit's default heart-rate zones
/// come from 220 - age) and basal metabolic rate in kcal/day (the app estimates it from sex,
/// height, weight and age; here it is given).
/// </summary>
public sealed record WearerProfile(int Age, double BasalKcal)
{
    public double MaxHeartRate => 220 - Age;
}
