using EdgeToolkit.Firmware.Health;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;
using EdgeToolkit.Training.Health;
using Xunit.Abstractions;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>
/// A month of a held-out person's days streamed to the health firmware on the emulated watch board:
/// each prediction against the C# evaluator of the compiled graph, with the window built here by the
/// training code's own HealthFeatures.Window (not the firmware's host twin).
/// </summary>
[Collection(HealthFirmwareCollection.Name)]
public class HealthStreamTests(HealthFirmwares firmwares, ITestOutputHelper output)
{
    [Fact]
    public void TheFloatBuildPredictsEveryDayLikeTheEvaluator()
    {
        var (fw, stream) = firmwares.Float;
        AssertAgreesWithTrainingWindows(fw, stream, bitExact: false);
        Report("float", fw, stream);
    }

    [Fact]
    public void TheInt8BuildPredictsEveryDayBitForBitAndFitsTheWearableBudget()
    {
        var (fw, stream) = firmwares.Int8;
        Assert.True(stream.BitExact, "a lowered int8 graph is compared bit for bit");
        AssertAgreesWithTrainingWindows(fw, stream, bitExact: true);
        Report("int8", fw, stream);
        Assert.InRange(fw.ImageFlashBytes, 1, 64 * 1024);
        Assert.InRange(fw.RamBytes, 1, 16 * 1024);
        Assert.InRange(stream.InstructionsMax, 1, 100_000);
        // int8 weights: a quarter of float's 43,812 bytes, plus per-channel scales and the integer kernels.
        Assert.True(fw.ModelFlashBytes < firmwares.Float.Fw.ModelFlashBytes / 2, $"int8 model {fw.ModelFlashBytes} B vs float {firmwares.Float.Fw.ModelFlashBytes} B");
        var pairs = stream.Predictions.Zip(firmwares.Float.Stream.Predictions).Where(p => p.First.Ready).ToList();
        output.WriteLine($"int8 and float boards give the same class on {pairs.Sum(p => p.First.Classes.Zip(p.Second.Classes).Count(c => c.First == c.Second))} " +
                         $"of {pairs.Count * fw.Heads} (day, head) pairs");
    }

    [Fact]
    public void TheFootprintIsTheElfsAndTheModelIsMostOfTheFloatImage()
    {
        var (fw, _) = firmwares.Float;
        var size = ElfSize.Measure(Toolchain.Default.Require("arm-none-eabi-size"), fw.ElfPath);
        Assert.Equal((size.Flash, size.Ram), (fw.ImageFlashBytes, fw.RamBytes));
        Assert.Equal(fw.ImageFlashBytes, new FileInfo(Path.Combine(fw.OutputDir, "firmware.bin")).Length);
        // The float weights alone are 43,812 bytes; the app, link, runtime and board support are a few KB.
        Assert.InRange(fw.ModelFlashBytes, 43_812, fw.ImageFlashBytes - 1);
        Assert.Equal((7, 18), (fw.WindowDays, fw.Columns));
        Assert.Equal(new[] { "stress_logits", "readiness_logits", "sleep_quality_logits" }, fw.OutputNames);
        Assert.Equal(new[] { 3, 3, 3 }, fw.OutputSizes);
    }

    private static void AssertAgreesWithTrainingWindows(HealthFirmwareResult fw, HealthStreamResult stream, bool bitExact)
    {
        var records = HealthFirmwares.Records;
        var byDate = records.ToDictionary(r => r.Date);
        Assert.Equal(records.Count, stream.Predictions.Count);
        Assert.True(stream.AllMatch, string.Join("\n", stream.Predictions.Where(p => !p.MatchesHost).Select(p => $"day {p.Index} differs from the host")));
        for (int k = 0; k < records.Count; k++)
        {
            var p = stream.Predictions[k];
            var target = records[k].Date.AddDays(1);
            Assert.Equal(HealthFeatures.WeekdayIndex(target), p.TargetWeekday);
            if (k < fw.WindowDays - 1)
            {
                Assert.False(p.Ready, $"day {k}: ready with {k + 1} days in the window");
                Assert.Null(p.HostOutputs);
                continue;
            }
            Assert.True(p.Ready, $"day {k}: not ready with a full window");
            var x = HealthFeatures.Window(byDate, target, fw.WindowDays);
            var evaluated = Evaluator.Run(fw.Compiled, new Dictionary<string, Tensor> { [fw.InputName] = Tensor.FromFloats(new[] { 1, x.Length }, x) });
            var expected = fw.OutputNames.SelectMany(n => evaluated[n].Floats).ToArray();
            if (bitExact) Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), p.Outputs.Select(BitConverter.SingleToUInt32Bits));
            else
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(p.Outputs[i] - expected[i]) <= 1e-4 + 1e-4 * Math.Abs(expected[i]), $"day {k}, output {i}: {p.Outputs[i]} vs {expected[i]}");
            for (int h = 0, first = 0; h < fw.Heads; first += fw.OutputSizes[h], h++)
            {
                var head = p.Outputs.AsSpan(first, fw.OutputSizes[h]).ToArray();
                Assert.Equal(Array.IndexOf(head, head.Max()), p.Classes[h]);
            }
            Assert.True(p.Instructions > 0);
        }
    }

    private void Report(string kind, HealthFirmwareResult fw, HealthStreamResult s)
    {
        var ready = s.Predictions.Where(p => p.Ready).ToList();
        output.WriteLine($"{kind} on {fw.Board.Name}: image flash {fw.ImageFlashBytes} B (model {fw.ModelFlashBytes} B), static RAM {fw.RamBytes} B, " +
                         $"stack {s.StackBytes} B, instructions per prediction max {s.InstructionsMax} (min {ready.Min(p => p.Instructions)}), " +
                         $"{ready.Count} predictions, bit-exact {s.BitExact}, max |board - evaluator| {s.MaxAbsDifference:G3}, " +
                         $"{ready.Count(p => p.HostOutputs!.Select(BitConverter.SingleToUInt32Bits).SequenceEqual(p.Outputs.Select(BitConverter.SingleToUInt32Bits)))} of them bit for bit");
    }
}
