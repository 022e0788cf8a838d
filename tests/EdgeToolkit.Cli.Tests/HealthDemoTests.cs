using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Health;
using EdgeToolkit.Tests.Shared;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// demo health end to end on tiny data (--quick: the pipeline, not the figures) read from PMData-layout files: the
/// issue's JSON contract, the board against the host integer model on every streamed day, the wearable budget, and the
/// C build's scores against ONNX Runtime's for the same int8 model.
/// </summary>
public class HealthDemoTests
{
    [Fact]
    public void QuickDemoRunsEveryStepAndTheBoardEqualsTheHostOnEveryDay()
    {
        var dir = CliRunner.TempDir();
        var pmdata = Path.Combine(dir, "pmdata");
        PmDataExport.Write(pmdata, new WearableGenerator(5).Generate(8, 60));
        var (code, json, err) = CliRunner.RunJson("demo", "health", "--pmdata", pmdata, "--quick", "--days", "10", "-o", dir);
        Assert.True(code == 0, $"exit {code}\n{json}\n{err}");
        foreach (var field in new[] { "flash_bytes", "ram_bytes", "instructions_per_prediction", "predictions_match", "days_streamed", "tasks" })
            Assert.True(json.ContainsKey(field), $"missing {field}");
        Assert.True((bool)json["predictions_match"]!);
        Assert.Equal(6 + 10, (int)json["days_streamed"]!);
        Assert.Equal(10, (int)json["month"]!["predictions"]!);
        Assert.InRange((long)json["image_flash_bytes"]!, 1, HealthDemoOptions.FlashBudget);
        Assert.InRange((long)json["image_ram_bytes"]!, 1, HealthDemoOptions.RamBudget);
        Assert.InRange((long)json["instructions_per_prediction"]!, 1, HealthDemoOptions.InstructionBudget);
        Assert.True((long)json["flash_bytes"]! < (long)json["image_flash_bytes"]!, "the model's share is part of the image");

        var tasks = json["tasks"]!.AsArray();
        Assert.Equal(HealthLabels.TaskNames, tasks.Select(t => (string)t!["task"]!).ToArray());
        var variants = json["variants"]!.AsArray();
        var ortInt8 = variants.Single(v => (string)v!["model"]! == "MLP pruned int8")!["macro_f1"]!.AsArray();
        for (int t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t]!;
            Assert.Equal("macro_f1", (string)task["metric"]!);
            foreach (var k in new[] { "value", "baseline_majority", "baseline_logistic" }) Assert.InRange((double)task[k]!, 0, 1);
            // The wearable's C and ONNX Runtime run the same int8 model; only rounding ties may split them.
            Assert.InRange((double)task["value"]! - (double)ortInt8[t]!, -0.05, 0.05);
        }
        // The MLP builds must pass everywhere; the transformer is a comparison (the quick one's int8 can flip a step against ORT).
        Assert.All(json["targets"]!.AsArray().Where(t => ((string)t!["model"]!).StartsWith("MLP")), t => Assert.True((bool)t!["ok"]!, t!.ToJsonString()));
        var report = (string)json["report"]!;
        Assert.Contains("data:image/png;base64,", File.ReadAllText(report));
        Assert.Contains("TinyLlama", File.ReadAllText(report));
    }

    [Fact]
    public void ExportedDaysReadBackThroughThePmDataReader()
    {
        var records = new WearableGenerator(3).Generate(3, 30);
        var dir = CliRunner.TempDir();
        PmDataExport.Write(dir, records);
        var back = PmDataReader.Read(dir).ToDictionary(r => (r.Person, r.Date));
        Assert.Equal(records.Count, back.Count);
        foreach (var r in records)
        {
            var b = back[(r.Person, r.Date)];
            Assert.Equal(r with { Person = b.Person }, b);
        }
    }

    [Fact]
    public void ClassErrorCountsHowManyClassesAPredictionIsOff()
    {
        var truth = new List<int[]> { new[] { 0, 2, 1 }, new[] { 2, 2, 0 } };
        var predicted = new List<int[]> { new[] { 2, 2, 1 }, new[] { 1, 0, 0 } };
        Assert.Equal(new[] { 1.5, 1.0, 0.0 }, HealthScoring.ClassMae(truth, predicted));
    }

    [Fact]
    public void TheMonthIsTheHeldOutStretchWithTheMostReports()
    {
        var day0 = new DateOnly(2020, 1, 6);
        DailyRecord Day(string person, int k, bool reported) => new()
        {
            Person = person, Date = day0.AddDays(k), Steps = 5000,
            Stress = reported ? 3 : null, Readiness = reported ? 5 : null, SleepQuality = reported ? 3 : null,
        };
        // p1 reports on no day; p2 reports only from day 14 on, so the month must start a week or two in.
        var records = Enumerable.Range(0, 40).Select(k => Day("p1", k, false))
            .Concat(Enumerable.Range(0, 40).Select(k => Day("p2", k, k >= 14))).ToList();
        var (person, first) = HealthMonth.PickMonth(records, ["p1", "p2"], window: 7, days: 10);
        Assert.Equal("p2", person);
        Assert.Equal(day0.AddDays(7), first); // predictions for days 14..23, all reported
        Assert.Throws<EdgeToolkit.Graph.EdgeToolkitException>(() => HealthMonth.PickMonth(records, ["p1"], 7, 40));
    }
}
