using EdgeToolkit.Wearable.Iot.Features;
using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Wearable.Iot.Tests.Features;

/// <summary>The day's columns from hand-made minute readings, every figure worked out by hand.</summary>
public class DayFeaturesTests
{
    // Age 40: maximum 180 bpm, fat burn from 90, cardio from 126, peak from 153.
    private static readonly WearerProfile Profile = new(40, 1600);

    private static List<MinuteReading> Day()
    {
        var m = new List<MinuteReading>();
        void Add(int count, Func<int, MinuteReading> reading) { for (int i = 0; i < count; i++) m.Add(reading(i)); }
        Add(60, _ => new(0, 0.005, null));          // off the wrist
        Add(140, _ => new(0, 0.01, 52));            // asleep: still, pulse
        Add(10, _ => new(0, 0.07, 58));             // awake in bed: fidgeting, no steps
        Add(330, _ => new(0, 0.01, 52));            // asleep
        Add(600, i => new(0, 0.07, 58 + i % 5));    // sitting: 58..62 bpm, 120 minutes each
        Add(120, _ => new(30, 0.2, 85));            // housework: light by movement, 85 bpm is out of range
        Add(30, _ => new(100, 0.15, 100));          // walking: moderate by cadence, fat burn
        Add(30, _ => new(150, 0.3, 130));           // running: very by cadence, cardio
        Add(10, _ => new(0, 0.65, 160));            // gym: very by movement, peak
        Add(110, _ => new(0, 0.07, null));          // sitting with poor contact: worn, no pulse
        return m;
    }

    [Fact]
    public void Columns_are_the_hand_computed_day()
    {
        var x = DayFeatures.Columns(Day(), Profile, estimateSleepScore: true, out var sleep);
        Assert.Equal(new SleepPeriod(60, 540, 470), sleep);
        float[] expected =
        {
            11100,                                  // 120 x 30 + 30 x 100 + 30 x 150
            2800,                                   // 1600 + 0.045 x 11100 + 120 + 6 x 30 + 10 x 40 = 2799.5
            710, 120, 30, 40, 1,                    // sedentary 600 + 110 (awake in bed is in the sleep), very 30 + 10
            60, 1200, 30, 30, 10, 1,                // median of 58..62; out of range 470 + 10 + 600 + 120
            470, 98, 1,                             // 470 / 480 = 97.9 %
            84, 1,                                  // 75 + 0.08 x 40 + 100 x 0.06 = 84.2
        };
        Assert.Equal(expected, x);
    }

    [Fact]
    public void Without_score_estimation_the_score_group_is_not_recorded()
    {
        var x = DayFeatures.Columns(Day(), Profile, estimateSleepScore: false, out _);
        Assert.Equal(0f, x[DayColumns.SleepScore]);
        Assert.Equal(0f, x[DayColumns.SleepScoreRecorded]);
        Assert.Equal(1f, x[DayColumns.SleepRecorded]);
    }

    [Fact]
    public void Under_two_hours_on_the_wrist_is_a_day_not_worn()
    {
        var minutes = Enumerable.Repeat(new MinuteReading(0, 0.005, null), 1440).ToList();
        for (int i = 0; i < 119; i++) minutes[600 + i] = new MinuteReading(40, 0.2, 80);
        Assert.Equal(new float[DayColumns.Count], DayFeatures.Columns(minutes, Profile, true, out var sleep));
        Assert.Null(sleep);
    }
}
