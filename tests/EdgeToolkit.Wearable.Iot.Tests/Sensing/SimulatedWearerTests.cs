using EdgeToolkit.Wearable.Iot.Simulation;
using EdgeToolkit.Wearable.Iot.Tests.Support;

namespace EdgeToolkit.Wearable.Iot.Tests.Sensing;

public class SimulatedWearerTests
{
    [Fact]
    public void Consecutive_days_on_one_watch_sense_as_each_day_wired_alone()
    {
        var records = GeneratedDays.Person(2, 2);
        var profile = GeneratedDays.Profile(2);
        using var watch = SimulatedWearer.WireDays(profile, records.Select(GeneratedDays.Truth).ToList(), seed: 40);
        for (int i = 0; i < records.Count; i++)
        {
            var together = watch.SenseDay(records[i].Date);
            using var alone = SimulatedWearer.Wire(profile, GeneratedDays.Truth(records[i]), seed: 40 + i);
            Assert.Equal(alone.SenseDay(records[i].Date).Columns, together.Columns);
        }
    }
}
