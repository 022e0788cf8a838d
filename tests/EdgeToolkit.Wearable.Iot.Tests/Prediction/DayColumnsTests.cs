using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Features;

namespace EdgeToolkit.Wearable.Iot.Tests.Prediction;

public class DayColumnsTests
{
    [Fact]
    public void The_columns_are_HealthFeatures_day_columns_in_order()
    {
        Assert.Equal(HealthFeatures.DayColumns, DayColumns.Names);
        Assert.Equal(DayColumns.Count, HealthFeatures.PerDay);
        Assert.Equal("worn", DayColumns.Names[DayColumns.Worn]);
        Assert.Equal("hr_recorded", DayColumns.Names[DayColumns.HrRecorded]);
        Assert.Equal("sleep_recorded", DayColumns.Names[DayColumns.SleepRecorded]);
        Assert.Equal("sleep_score_recorded", DayColumns.Names[DayColumns.SleepScoreRecorded]);
        Assert.Equal("resting_hr", DayColumns.Names[DayColumns.RestingHr]);
        Assert.Equal("hr_peak_min", DayColumns.Names[DayColumns.Peak]);
        Assert.Equal("sleep_efficiency_pct", DayColumns.Names[DayColumns.SleepEfficiency]);
    }
}
