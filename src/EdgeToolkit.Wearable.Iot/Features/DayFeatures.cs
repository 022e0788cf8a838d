using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>
/// A day of minute readings -> the model's 18 columns, Fitbit-style:
/// <list type="bullet">
/// <item>worn: at least 2 hours on the wrist. Steps: the minutes' steps summed. Activity minutes:
/// each worn minute outside the main sleep at its level
/// (ActivityRules: the highest of its cadence, arm-movement and heart-rate levels); minutes off
/// the wrist count nowhere.</item>
/// <item>calories = basal kcal + 0.045 kcal per step + 1 kcal per lightly, 6 per moderately and
/// 10 per very active minute (the mean relation of docs/health-data.md's generator, i.e. the
/// device's activity model).</item>
/// <item>resting heart rate: the median pulse of the awake sedentary minutes (at least 10 of
/// them); zone minutes: every minute with a pulse, by Fitbit's default zones from 220 - age.</item>
/// <item>sleep: the main sleep (SleepDetector), minutes asleep and efficiency in whole percent.</item>
/// <item>sleep score (Fitbit's is proprietary): estimated as clamp(75 + 0.08 (asleep - 430) +
/// 100 (efficiency - 0.92), 40, 98), the generator's formula without the sleep-debt and noise
/// terms a watch cannot see; or reported as not recorded (flag 0) when estimation is off.</item>
/// </list>
/// A group not recorded has its values and its flag at 0, as HealthFeatures writes it.
/// </summary>
public static class DayFeatures
{
    public const int MinimumWornMinutes = 120, MinimumRestingMinutes = 10;

    public static float[] Columns(IReadOnlyList<MinuteReading> minutes, WearerProfile profile, bool estimateSleepScore, out SleepPeriod? sleep)
    {
        var x = new float[DayColumns.Count];
        sleep = null;
        if (minutes.Count(m => m.Worn) < MinimumWornMinutes) return x;
        sleep = SleepDetector.MainSleep(minutes);

        double steps = 0;
        var levels = new int[4];
        var zones = new int[4];
        var resting = new List<double>();
        for (int m = 0; m < minutes.Count; m++)
        {
            var r = minutes[m];
            if (!r.Worn) continue;
            steps += r.StepsPerMinute;
            var zone = r.HeartRate is double bpm ? ActivityRules.Zone(bpm, profile.MaxHeartRate) : (HeartRateZone?)null;
            if (zone != null) zones[(int)zone.Value]++;
            if (sleep?.Contains(m) == true) continue;
            var level = ActivityRules.Level(r.StepsPerMinute, r.Movement, zone);
            levels[(int)level]++;
            if (level == ActivityLevel.Sedentary && r.HeartRate is double rest) resting.Add(rest);
        }

        steps = Math.Round(steps);
        x[DayColumns.Steps] = (float)steps;
        x[DayColumns.Calories] = (float)Math.Round(profile.BasalKcal + 0.045 * steps + levels[1] + 6 * levels[2] + 10 * levels[3]);
        x[DayColumns.Sedentary] = levels[0];
        x[DayColumns.Light] = levels[1];
        x[DayColumns.Moderate] = levels[2];
        x[DayColumns.Very] = levels[3];
        x[DayColumns.Worn] = 1;

        if (resting.Count >= MinimumRestingMinutes)
        {
            x[DayColumns.RestingHr] = (float)Math.Round(Median(resting), 1);
            x[DayColumns.OutOfRange] = zones[0];
            x[DayColumns.FatBurn] = zones[1];
            x[DayColumns.Cardio] = zones[2];
            x[DayColumns.Peak] = zones[3];
            x[DayColumns.HrRecorded] = 1;
        }

        if (sleep is SleepPeriod s)
        {
            double efficiency = Math.Round(s.EfficiencyPercent);
            x[DayColumns.SleepMinutes] = s.AsleepMinutes;
            x[DayColumns.SleepEfficiency] = (float)efficiency;
            x[DayColumns.SleepRecorded] = 1;
            if (estimateSleepScore)
            {
                x[DayColumns.SleepScore] = (float)EstimatedSleepScore(s.AsleepMinutes, efficiency);
                x[DayColumns.SleepScoreRecorded] = 1;
            }
        }
        return x;
    }

    public static double EstimatedSleepScore(double asleepMinutes, double efficiencyPercent) =>
        Math.Round(Math.Clamp(75 + 0.08 * (asleepMinutes - 430) + 100 * (efficiencyPercent / 100 - 0.92), 40, 98));

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
