using System.Diagnostics;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Prediction;
using EdgeToolkit.Wearable.Iot.Simulation;
using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Cli.Health;

/// <summary>
/// The Linux-board leg: the last days of the streamed month lived again by a simulated wearer, read through the real
/// Iot.Device bindings (MPU-6050 accelerometer for steps and activity, a PPG pulse sensor on an ADS1115 for heart
/// rate), turned into the day's columns, windowed, and predicted with the wearable model in ONNX Runtime; each
/// prediction is compared with the one from the day's true totals.
/// </summary>
public static class HealthOnLinuxBoard
{
    private const int DaysSensed = 10;
    /// <summary>The watch does not know the wearer's basal metabolism; 1,750 kcal is the generator's mean (docs/health-data.md).</summary>
    private static readonly WearerProfile Profile = new(30, 1750);

    public static LinuxBoardResult Run(HealthDemoOptions o, HealthSplitData data, string model, HealthMonthResult month, Reporter reporter)
    {
        var records = data.Spec.LoadRecords().Where(r => r.Person == month.Person).GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.Last());
        var dates = Enumerable.Range(0, DaysSensed).Select(k => month.Last.AddDays(k - DaysSensed + 1)).ToList();
        var truth = dates.Select(d => records.TryGetValue(d, out var r)
            ? new WearerDay(d, r.Steps, r.SedentaryMinutes, r.LightlyActiveMinutes, r.ModeratelyActiveMinutes, r.VeryActiveMinutes, r.RestingHeartRate,
                r.OutOfRangeMinutes, r.FatBurnMinutes, r.CardioMinutes, r.PeakMinutes, r.SleepMinutes, r.SleepEfficiency)
            : new WearerDay(d, null, null, null, null, null, null, null, null, null, null, null, null)).ToList();

        reporter.Progress($"sensing {DaysSensed} days of {month.Person} through the MPU-6050 and ADS1115 bindings (simulated chips, 10 s at 25 Hz each minute)");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var watch = SimulatedWearer.WireDays(Profile, truth, o.Seed);
        var sensed = dates.Select(d => watch.SenseDay(d)).ToList();
        double cpuPerDay = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / DaysSensed;

        using var predictor = new OnnxHealthPredictor(model);
        DayWindow fromSensors = new(data.Spec.Window), fromTruth = new(data.Spec.Window);
        int predictions = 0, same = 0;
        var clock = Stopwatch.StartNew();
        for (int k = 0; k < dates.Count; k++)
        {
            fromSensors.Push(dates[k], sensed[k].Columns);
            var trueColumns = new float[HealthFeatures.PerDay];
            HealthFeatures.WriteDay(records.GetValueOrDefault(dates[k]), trueColumns, 0);
            fromTruth.Push(dates[k], trueColumns);
            if (k < data.Spec.Window - 1 || !fromSensors.Ready) continue;
            var target = dates[k].AddDays(1);
            var p = predictor.Predict(fromSensors.InputFor(target));
            var q = predictor.Predict(fromTruth.InputFor(target));
            predictions++;
            if (p.Classes.SequenceEqual(q.Classes)) same++;
        }
        double usPerPrediction = predictions == 0 ? 0 : clock.Elapsed.TotalMilliseconds * 1000 / (2 * predictions);
        var figures = dates.Select((d, k) => new SensedDayFigures(d, records.GetValueOrDefault(d)?.Steps, sensed[k].Columns[0],
            records.GetValueOrDefault(d)?.RestingHeartRate, sensed[k].Columns[Array.IndexOf(HealthFeatures.DayColumns, "resting_hr")])).ToList();
        return new LinuxBoardResult(Path.GetFileName(model), DaysSensed, predictions, same, cpuPerDay, usPerPrediction, figures,
            "an MPU-6050 accelerometer (Iot.Device.Imu.Mpu6050) and a PPG pulse sensor on an ADS1115 ADC (Iot.Device.Ads1115), simulated at register level behind the real bindings");
    }
}
