using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Training.Tests.Health;

public class WearableGeneratorTests
{
    private static readonly List<DailyRecord> Data = new WearableGenerator(1).Generate(60, 150);

    [Fact]
    public void SameSeedSameData_OtherSeedOtherData_PeopleIndependentOfCount()
    {
        var a = new WearableGenerator(7).Generate(3, 40);
        var b = new WearableGenerator(7).Generate(3, 40);
        Assert.Equal(a, b); // records are value-equal
        var c = new WearableGenerator(8).Generate(3, 40);
        Assert.NotEqual(a.Select(r => r.Steps), c.Select(r => r.Steps));
        // Person 1's days do not depend on how many people are generated.
        var five = new WearableGenerator(7).Generate(5, 40);
        Assert.Equal(a.Where(r => r.Person == "g001"), five.Where(r => r.Person == "g001"));
    }

    [Fact]
    public void FieldsStayInsideTheDocumentedRanges()
    {
        Assert.All(Data, r =>
        {
            if (r.Steps is double s) Assert.InRange(s, 300, 40000);
            if (r.RestingHeartRate is double h) Assert.InRange(h, 40, 100);
            if (r.SleepMinutes is double m) Assert.InRange(m, 180, 720);
            if (r.SleepEfficiency is double e) Assert.InRange(e, 70, 99);
            if (r.SleepScore is double sc) Assert.InRange(sc, 40, 98);
            if (r.Stress is int st) Assert.InRange(st, 1, 5);
            if (r.Readiness is int rd) Assert.InRange(rd, 0, 10);
            if (r.SleepQuality is int q) Assert.InRange(q, 1, 5);
        });
        double worn = Data.Count(r => r.Steps.HasValue) / (double)Data.Count;
        Assert.InRange(worn, 0.85, 0.99); // wear gaps exist but are the exception
    }

    [Fact]
    public void WeeklyCycle_WeekendSleepsLongerAndWalksLess()
    {
        bool Weekend(DailyRecord r) => HealthFeatures.WeekdayIndex(r.Date) >= 5;
        double SleepMean(bool weekend) => Data.Where(r => Weekend(r) == weekend && r.SleepMinutes.HasValue).Average(r => r.SleepMinutes!.Value);
        double LogStepsMean(bool weekend) => Data.Where(r => Weekend(r) == weekend && r.Steps.HasValue).Average(r => Math.Log(r.Steps!.Value));
        // Documented: -(15 + 20·max(chronotype,0)) min before workdays, +(10 + 25·max(chronotype,0)) before weekend mornings.
        Assert.InRange(SleepMean(true) - SleepMean(false), 25, 60);
        // Documented: weekend log-steps shift drawn per person with mean -0.1.
        Assert.InRange(LogStepsMean(true) - LogStepsMean(false), -0.2, -0.03);
    }

    [Fact]
    public void HardDayOnShortSleepRaisesNextDayStress_Interaction()
    {
        // Difference in differences, so that short sleep's own (confounded) link to stress cancels:
        // [hard & short - hard & rested] - [easy & short - easy & rested] in next-day stress.
        var cells = new List<double>[2, 2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) cells[i, j] = new List<double>();
        foreach (var person in Data.GroupBy(r => r.Person))
        {
            var days = person.ToList();
            for (int t = 1; t < days.Count; t++)
            {
                var y = days[t - 1];
                if (days[t].Stress is not int stress || y.VeryActiveMinutes is not double very || y.SleepMinutes is not double sleep) continue;
                double strain = WearableGenerator.Strain(very, y.ModeratelyActiveMinutes!.Value);
                int hard = strain > 0.5 ? 1 : strain == 0 ? 0 : -1;
                int shortSleep = sleep < 375 ? 1 : sleep >= 420 ? 0 : -1;
                if (hard >= 0 && shortSleep >= 0) cells[hard, shortSleep].Add(stress);
            }
        }
        double did = cells[1, 1].Average() - cells[1, 0].Average() - (cells[0, 1].Average() - cells[0, 0].Average());
        Assert.All(cells.Cast<List<double>>(), c => Assert.True(c.Count > 50, "too few days in a cell"));
        Assert.True(did > 0.3, $"interaction effect on next-day stress is {did:F3}; documented as positive (about +1 stress point per unit strain x shortness)");
    }
}
