using EdgeToolkit.Graph;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Training.Tests.Health;

public class PmDataReaderTests
{
    private static readonly List<DailyRecord> Records = PmDataReader.Read(HealthTestPaths.Fixture("pmdata"));

    [Fact]
    public void ReadsEveryFieldOfAFullDay()
    {
        var d = Records.Single(r => r.Date == new DateOnly(2019, 11, 1));
        Assert.Equal("p01", d.Person);
        Assert.Equal(200, d.Steps);            // per-minute 0 + 120 + 80
        Assert.Equal(3.75, d.Calories);        // per-minute 1.5 + 2.25
        Assert.Equal(700, d.SedentaryMinutes);
        Assert.Equal(200, d.LightlyActiveMinutes);
        Assert.Equal(15, d.ModeratelyActiveMinutes);
        Assert.Equal(30, d.VeryActiveMinutes);
        Assert.Equal(54.26, d.RestingHeartRate);
        Assert.Equal((1370.0, 52.0, 16.0, 2.0), (d.OutOfRangeMinutes!.Value, d.FatBurnMinutes!.Value, d.CardioMinutes!.Value, d.PeakMinutes!.Value));
        Assert.Equal(400, d.SleepMinutes);     // the nap (mainSleep false) is not counted
        Assert.Equal(93, d.SleepEfficiency);
        Assert.Equal(81, d.SleepScore);
        Assert.Equal((2, 7, 4), (d.Stress!.Value, d.Readiness!.Value, d.SleepQuality!.Value));
    }

    [Fact]
    public void QuotedCommasAndMissingValuesAreHandled()
    {
        var d2 = Records.Single(r => r.Date == new DateOnly(2019, 11, 2));
        Assert.Equal(1234, d2.Steps);
        Assert.Equal((4, 4, 2), (d2.Stress!.Value, d2.Readiness!.Value, d2.SleepQuality!.Value)); // soreness_area "[a, b]" did not shift the columns
        var d3 = Records.Single(r => r.Date == new DateOnly(2019, 11, 3));
        Assert.Null(d3.Steps);              // zero steps all day: not worn
        Assert.Null(d3.RestingHeartRate);   // 0 means no estimate
        Assert.Null(d3.OutOfRangeMinutes);
        Assert.Null(d3.SleepMinutes);
        Assert.Null(d3.Readiness);          // empty cell
        Assert.Equal(3, d3.Stress);
        Assert.Null(HealthLabels.Of(d3));
    }

    [Fact]
    public void WindowOfReadDaysHasValuesFlagsAndZerosForMissingGroups()
    {
        var byDate = Records.ToDictionary(r => r.Date);
        var x = HealthFeatures.Window(byDate, new DateOnly(2019, 11, 4), 3);
        int per = HealthFeatures.PerDay;
        Assert.Equal(3 * per + 7, x.Length);
        int steps = Array.IndexOf(HealthFeatures.DayColumns, "steps"), worn = Array.IndexOf(HealthFeatures.DayColumns, "worn");
        int score = Array.IndexOf(HealthFeatures.DayColumns, "sleep_score"), scoreFlag = Array.IndexOf(HealthFeatures.DayColumns, "sleep_score_recorded");
        Assert.Equal((200f, 1f, 81f, 1f), (x[steps], x[worn], x[score], x[scoreFlag]));             // 1 Nov, oldest first
        Assert.Equal((1234f, 1f), (x[per + steps], x[per + worn]));                                   // 2 Nov
        Assert.All(x.Skip(2 * per).Take(per), v => Assert.Equal(0f, v));                              // 3 Nov: nothing recorded
        Assert.Equal(1f, x[3 * per + 0]);                                                             // 4 Nov 2019 is a Monday
        Assert.Equal(1f, x.Skip(3 * per).Sum());
    }

    [Fact]
    public void MissingFolderIsABadInputNamingIt()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => PmDataReader.Read("/nonexistent/pmdata"));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("/nonexistent/pmdata", e.Message + e.File);
    }
}
