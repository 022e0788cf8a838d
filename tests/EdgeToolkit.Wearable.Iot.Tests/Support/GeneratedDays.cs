using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Wearable.Iot.Tests.Support;

/// <summary>Realistic ground-truth days from Training's WearableGenerator (docs/health-data.md), as the wearable's records.</summary>
public static class GeneratedDays
{
    public const int Seed = 1;

    public static List<DailyRecord> Person(int index, int days) =>
        new WearableGenerator(Seed).GeneratePerson(index, days, WearableGenerator.DefaultStart).ToList();

    /// <summary>The generator has no age; 30 keeps every resting heart rate below the fat-burn zone (95 bpm).</summary>
    public static WearerProfile Profile(int index) => new(30, new WearableGenerator(Seed).DrawPerson(index).Bmr);

    public static WearerDay Truth(DailyRecord r) => new(r.Date, r.Steps, r.SedentaryMinutes, r.LightlyActiveMinutes,
        r.ModeratelyActiveMinutes, r.VeryActiveMinutes, r.RestingHeartRate, r.OutOfRangeMinutes, r.FatBurnMinutes,
        r.CardioMinutes, r.PeakMinutes, r.SleepMinutes, r.SleepEfficiency);

    /// <summary>The record the model would see had the watch measured perfectly, with the sensed day's sleep score convention.</summary>
    public static float[] TrueColumns(DailyRecord r)
    {
        var x = new float[HealthFeatures.PerDay];
        HealthFeatures.WriteDay(r, x, 0);
        return x;
    }
}
