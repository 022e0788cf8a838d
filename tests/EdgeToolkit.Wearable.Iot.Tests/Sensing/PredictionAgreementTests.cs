using EdgeToolkit.Wearable.Iot.Prediction;
using EdgeToolkit.Wearable.Iot.Tests.Support;
using Xunit.Abstractions;

namespace EdgeToolkit.Wearable.Iot.Tests.Sensing;

/// <summary>
/// The same model on the sensed month and on the true records of the same days: the classes
/// should mostly agree (the sensed days differ by the tolerances of SensedDayTests, and by a sleep
/// score that is estimated every night while this person's true records may have none).
/// </summary>
[Collection(SensedMonth.Name)]
public class PredictionAgreementTests(SensedMonth month, ITestOutputHelper output)
{
    [Fact]
    public void Sensed_and_true_windows_predict_the_same_classes_on_most_days()
    {
        using var predictor = new OnnxHealthPredictor(ModelPaths.HealthModel);
        var sensedWindow = new DayWindow();
        var trueWindow = new DayWindow();
        int targets = 0, allThree = 0;
        var perTask = new int[3];
        foreach (var r in month.Month)
        {
            sensedWindow.Push(r.Date, month.Sensed[r.Date].Columns);
            trueWindow.Push(r.Date, GeneratedDays.TrueColumns(r));
            var target = r.Date.AddDays(1);
            Assert.Equal(trueWindow.Ready, sensedWindow.Ready);
            if (!sensedWindow.Ready || r.Date < month.Month[0].Date.AddDays(6)) continue;
            var fromSensed = predictor.Predict(sensedWindow.InputFor(target));
            var fromTruth = predictor.Predict(trueWindow.InputFor(target));
            targets++;
            for (int t = 0; t < 3; t++) if (fromSensed.Classes[t] == fromTruth.Classes[t]) perTask[t]++;
            if (fromSensed.Classes.SequenceEqual(fromTruth.Classes)) allThree++;
            output.WriteLine($"{target}: sensed {fromSensed} | true {fromTruth}");
        }
        output.WriteLine($"{month.Person}: {targets} days; same class: stress {perTask[0]}, readiness {perTask[1]}, sleep quality {perTask[2]}, all three {allThree}");
        Assert.True(targets >= 10);
        Assert.All(perTask, same => Assert.True(same >= 0.6 * targets, $"{same} of {targets}"));
    }
}
