using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Prediction;
using EdgeToolkit.Wearable.Iot.Tests.Support;

namespace EdgeToolkit.Wearable.Iot.Tests.Prediction;

/// <summary>DayWindow against Training's HealthFeatures.Window and HealthWindows' half-worn rule, on generated days.</summary>
public class DayWindowTests
{
    [Fact]
    public void The_input_equals_HealthFeatures_Window_for_every_target_including_gaps()
    {
        // Person 5's first 60 days include not-worn days and nights without sleep; one worn day is also left out.
        var records = GeneratedDays.Person(5, 60);
        var skipped = records[20].Date;
        var byDate = records.Where(r => r.Date != skipped).ToDictionary(r => r.Date);
        Assert.Contains(records, r => r.Steps == null);
        var window = new DayWindow();
        int compared = 0;
        foreach (var r in records)
        {
            if (r.Date != skipped) window.Push(r.Date, GeneratedDays.TrueColumns(r));
            var target = r.Date.AddDays(1);
            Assert.Equal(HealthFeatures.Window(byDate, target, 7), window.InputFor(target));
            int worn = Enumerable.Range(1, 7).Count(k => byDate.TryGetValue(target.AddDays(-k), out var d) && d.Steps.HasValue);
            Assert.Equal(worn * 2 >= 7, window.Ready);
            compared++;
        }
        Assert.Equal(60, compared);
    }

    [Fact]
    public void A_day_of_the_wrong_length_is_refused()
    {
        var window = new DayWindow();
        Assert.Throws<ArgumentException>(() => window.Push(new DateOnly(2020, 1, 1), new float[17]));
    }
}
