using System.Globalization;
using System.Text;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// Writes generated days in PMData's own layout (pXX/fitbit/*.json, sleep_score.csv, pmsys/wellness.csv), so the
/// --pmdata path runs end to end on files the PMData reader parses like the real ones. Daily totals are written as
/// one entry per day (the reader sums per date); zone and sleep files in their nested forms.
/// </summary>
public static class PmDataExport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string root, IEnumerable<DailyRecord> records)
    {
        foreach (var person in records.GroupBy(r => r.Person))
        {
            var days = person.OrderBy(r => r.Date).ToList();
            var fitbit = Directory.CreateDirectory(Path.Combine(root, person.Key, "fitbit")).FullName;
            var pmsys = Directory.CreateDirectory(Path.Combine(root, person.Key, "pmsys")).FullName;
            void Daily(string file, Func<DailyRecord, double?> field) => File.WriteAllText(Path.Combine(fitbit, file),
                "[" + string.Join(",\n", days.Select(d => $"{{\"dateTime\":\"{d.Date:yyyy-MM-dd} 00:00:00\",\"value\":\"{(field(d) ?? 0).ToString(Inv)}\"}}")) + "]");
            Daily("steps.json", d => d.Steps);
            Daily("calories.json", d => d.Calories);
            Daily("sedentary_minutes.json", d => d.SedentaryMinutes);
            Daily("lightly_active_minutes.json", d => d.LightlyActiveMinutes);
            Daily("moderately_active_minutes.json", d => d.ModeratelyActiveMinutes);
            Daily("very_active_minutes.json", d => d.VeryActiveMinutes);
            File.WriteAllText(Path.Combine(fitbit, "resting_heart_rate.json"), "[" + string.Join(",\n", days.Select(d =>
                $"{{\"dateTime\":\"{d.Date:MM/dd/yy} 00:00:00\",\"value\":{{\"date\":\"{d.Date:MM/dd/yy}\",\"value\":{(d.RestingHeartRate ?? 0).ToString(Inv)},\"error\":7.0}}}}")) + "]");
            File.WriteAllText(Path.Combine(fitbit, "time_in_heart_rate_zones.json"), "[" + string.Join(",\n", days.Where(d => d.OutOfRangeMinutes != null).Select(d =>
                $"{{\"dateTime\":\"{d.Date:MM/dd/yy} 00:00:00\",\"value\":{{\"valuesInZones\":{{\"IN_DEFAULT_ZONE_3\":{d.PeakMinutes!.Value.ToString(Inv)}," +
                $"\"IN_DEFAULT_ZONE_1\":{d.FatBurnMinutes!.Value.ToString(Inv)},\"BELOW_DEFAULT_ZONE_1\":{d.OutOfRangeMinutes!.Value.ToString(Inv)}," +
                $"\"IN_DEFAULT_ZONE_2\":{d.CardioMinutes!.Value.ToString(Inv)}}}}}}}")) + "]");
            File.WriteAllText(Path.Combine(fitbit, "sleep.json"), "[" + string.Join(",\n", days.Where(d => d.SleepMinutes != null).Select((d, i) =>
                $"{{\"logId\":{i + 1},\"dateOfSleep\":\"{d.Date:yyyy-MM-dd}\",\"minutesAsleep\":{d.SleepMinutes!.Value.ToString(Inv)}," +
                $"\"efficiency\":{(d.SleepEfficiency ?? 90).ToString(Inv)},\"mainSleep\":true}}")) + "]");
            var score = new StringBuilder("sleep_log_entry_id,timestamp,overall_score\n");
            foreach (var (d, i) in days.Where(d => d.SleepScore != null).Select((d, i) => (d, i)))
                score.Append(Inv, $"{i + 1},{d.Date:yyyy-MM-dd}T07:00:00Z,{d.SleepScore!.Value}\n");
            File.WriteAllText(Path.Combine(fitbit, "sleep_score.csv"), score.ToString());
            var wellness = new StringBuilder("effective_time_frame,fatigue,mood,readiness,sleep_duration_h,sleep_quality,soreness,soreness_area,stress\n");
            foreach (var d in days.Where(d => d.Stress != null))
                wellness.Append(Inv, $"{d.Date:yyyy-MM-dd}T08:30:00.000Z,3,3,{d.Readiness},7,{d.SleepQuality},3,[],{d.Stress}\n");
            File.WriteAllText(Path.Combine(pmsys, "wellness.csv"), wellness.ToString());
        }
    }
}
