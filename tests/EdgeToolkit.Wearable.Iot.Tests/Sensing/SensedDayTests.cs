using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Features;
using EdgeToolkit.Wearable.Iot.Tests.Support;
using Xunit.Abstractions;

namespace EdgeToolkit.Wearable.Iot.Tests.Sensing;

/// <summary>
/// Sensed columns against the generated ground truth. Tolerances and why:
/// steps 3 %; resting heart rate 3 bpm; fat-burn, cardio and peak minutes 3 min; light, moderate
/// and very active minutes max(4 min, 5 %) after moving the generator's cardio and peak minutes
/// beyond its very active minutes from moderate to very (its cardio grows with moderate minutes
/// too, and a cardio minute is very active by ActivityRules); sedentary minutes 10 min beyond the
/// minutes the generator over-books (its totals can exceed 1,440 minutes, which the schedule trims
/// from sedentary); out-of-range minutes 5 min of the truth capped by the worn minutes (the
/// generator counts nearly every minute of the day in a zone while leaving about an hour out of
/// every activity level as not worn, and the whole night when no sleep was logged);
/// calories 300 kcal (the generator adds 80 kcal of noise a watch cannot see); sleep minutes 2 min
/// and efficiency 1 point; the estimated sleep score 15 points (the generator's sleep-debt and
/// noise terms are unseen: debt alone can move it 5-10 points).
/// The month's fixture person (see SensedMonth) has sleep scores only if the generator gave them some.
/// </summary>
[Collection(SensedMonth.Name)]
public class SensedDayTests(SensedMonth month, ITestOutputHelper output)
{
    private IEnumerable<(DailyRecord Truth, float[] Sensed)> WornDays() =>
        month.Records.Where(r => r.Steps != null).Select(r => (r, month.Sensed[r.Date].Columns));

    [Fact]
    public void Steps_are_within_3_percent()
    {
        foreach (var (t, s) in WornDays())
        {
            output.WriteLine($"{t.Date} steps true {t.Steps} sensed {s[DayColumns.Steps]}");
            Assert.InRange(s[DayColumns.Steps], t.Steps!.Value * 0.97, t.Steps.Value * 1.03);
        }
    }

    [Fact]
    public void Resting_heart_rate_is_within_3_bpm_and_zones_within_tolerance()
    {
        foreach (var (t, s) in WornDays())
        {
            output.WriteLine($"{t.Date} rhr {t.RestingHeartRate}/{s[DayColumns.RestingHr]} out {t.OutOfRangeMinutes}/{s[DayColumns.OutOfRange]} fat {t.FatBurnMinutes}/{s[DayColumns.FatBurn]} cardio {t.CardioMinutes}/{s[DayColumns.Cardio]} peak {t.PeakMinutes}/{s[DayColumns.Peak]}");
            Assert.Equal(1f, s[DayColumns.HrRecorded]);
            Assert.InRange(s[DayColumns.RestingHr], t.RestingHeartRate!.Value - 3, t.RestingHeartRate.Value + 3);
            Near(t.FatBurnMinutes, s[DayColumns.FatBurn], 3);
            Near(t.CardioMinutes, s[DayColumns.Cardio], 3);
            Near(t.PeakMinutes, s[DayColumns.Peak], 3);
            // Only worn minutes can be in a zone: the night in bed plus the day's activity-level minutes.
            double inBed = t.SleepMinutes is double sleep ? Math.Round(sleep / (t.SleepEfficiency!.Value / 100)) : 0;
            double worn = Math.Min(1440, inBed + t.SedentaryMinutes!.Value + t.LightlyActiveMinutes!.Value + t.ModeratelyActiveMinutes!.Value + t.VeryActiveMinutes!.Value);
            double outOfRange = Math.Min(t.OutOfRangeMinutes!.Value, worn - t.FatBurnMinutes!.Value - t.CardioMinutes!.Value - t.PeakMinutes!.Value);
            Near(outOfRange, s[DayColumns.OutOfRange], 5);
        }
    }

    [Fact]
    public void Activity_minutes_and_calories_are_within_tolerance()
    {
        foreach (var (t, s) in WornDays())
        {
            double inBed = t.SleepMinutes is double sleep ? Math.Round(sleep / (t.SleepEfficiency!.Value / 100)) : 0;
            double overbooked = Math.Max(0, inBed + t.SedentaryMinutes!.Value + t.LightlyActiveMinutes!.Value + t.ModeratelyActiveMinutes!.Value + t.VeryActiveMinutes!.Value - 1440);
            output.WriteLine($"{t.Date} sed {t.SedentaryMinutes}/{s[DayColumns.Sedentary]} (over-booked {overbooked}) light {t.LightlyActiveMinutes}/{s[DayColumns.Light]} mod {t.ModeratelyActiveMinutes}/{s[DayColumns.Moderate]} very {t.VeryActiveMinutes}/{s[DayColumns.Very]} kcal {t.Calories}/{s[DayColumns.Calories]}");
            Assert.Equal(1f, s[DayColumns.Worn]);
            Near(t.SedentaryMinutes - overbooked, s[DayColumns.Sedentary], 10);
            double spill = Math.Clamp(t.CardioMinutes!.Value + t.PeakMinutes!.Value - t.VeryActiveMinutes.Value, 0, t.ModeratelyActiveMinutes.Value);
            foreach (var (truth, col) in new[] { (t.LightlyActiveMinutes, DayColumns.Light), (t.ModeratelyActiveMinutes - spill, DayColumns.Moderate), (t.VeryActiveMinutes + spill, DayColumns.Very) })
                Near(truth, s[col], Math.Max(4, 0.05 * truth!.Value));
            Near(t.Calories, s[DayColumns.Calories], 300);
        }
    }

    [Fact]
    public void Sleep_is_the_logged_night_and_missing_when_the_night_was_not_logged()
    {
        foreach (var (t, s) in WornDays())
        {
            output.WriteLine($"{t.Date} sleep {t.SleepMinutes}/{s[DayColumns.SleepMinutes]} eff {t.SleepEfficiency}/{s[DayColumns.SleepEfficiency]} score {t.SleepScore}/{s[DayColumns.SleepScore]}");
            if (t.SleepMinutes == null)
            {
                Assert.All(new[] { DayColumns.SleepMinutes, DayColumns.SleepEfficiency, DayColumns.SleepRecorded, DayColumns.SleepScore, DayColumns.SleepScoreRecorded }, c => Assert.Equal(0f, s[c]));
                continue;
            }
            Assert.Equal(1f, s[DayColumns.SleepRecorded]);
            Near(t.SleepMinutes, s[DayColumns.SleepMinutes], 2);
            Near(t.SleepEfficiency, s[DayColumns.SleepEfficiency], 1);
            Assert.Equal(month.EstimatesSleepScore ? 1f : 0f, s[DayColumns.SleepScoreRecorded]);
            if (t.SleepScore != null) Near(t.SleepScore, s[DayColumns.SleepScore], 15);
        }
        Assert.Contains(WornDays(), d => d.Truth.SleepMinutes == null);
    }

    [Fact]
    public void A_day_not_worn_is_all_zeros_with_every_flag_0()
    {
        var s = month.Sensed[month.NotWorn.Date];
        Assert.Equal(new float[HealthFeatures.PerDay], s.Columns);
        Assert.Equal(0, s.Stats.WornMinutes);
        Assert.Equal(0, s.Stats.StepsDetected);
        Assert.Equal(GeneratedDays.TrueColumns(month.NotWorn), s.Columns);
    }

    [Fact]
    public void The_bursts_read_the_chips_at_the_duty_cycle()
    {
        var stats = month.Sensed[month.Exercise.Date].Stats;
        // 1,440 bursts of 10 s at 25 Hz, both sensors at every tick.
        Assert.Equal(1440L * 250, stats.AccelerometerSamples);
        Assert.Equal(stats.AccelerometerSamples, stats.PulseSamples);
        Assert.True(stats.StepsDetected > 0 && stats.I2cTransfers > 2 * stats.AccelerometerSamples);
        output.WriteLine($"{stats}; CPU seconds per day {month.CpuSecondsPerDay:F2}; wall seconds per day (2 in parallel): {string.Join(", ", month.SecondsPerDay.Select(s => s.ToString("F2")))}");
    }

    private static void Near(double? truth, float sensed, double tolerance) =>
        Assert.InRange(sensed, truth!.Value - tolerance - 1e-3, truth.Value + tolerance + 1e-3);
}
