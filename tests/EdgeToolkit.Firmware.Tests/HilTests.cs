using System.Diagnostics;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Targets.Boards;
using Xunit.Abstractions;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>
/// The control firmware in the loop on the emulated boards against the simulated msd plant, its
/// commands checked against the .NET controllers fed the same measurements and previews.
/// </summary>
[Collection(MsdFirmwareCollection.Name)]
public class HilTests(MsdFirmwares firmwares, ITestOutputHelper output)
{
    private const int Steps = 300;

    private static ReferenceTrajectory Reference => StandardReferences.Create("msd", "steps");
    private static ReferencePreview Preview => TrajectoryPreview.From(Reference, PlantCatalog.Create("msd").Spec.DelayPeriods);

    private EmulatedHilRun RunOn(string boardName, FirmwareBuildResult firmware, int steps)
    {
        var board = BoardCatalog.FromRepository().Get(boardName);
        var clock = Stopwatch.StartNew();
        var run = EmulatedHil.Run(firmware.OutputDir, firmware.Manifest, board, PlantCatalog.Create("msd"), Preview, steps, noiseSeed: 7);
        output.WriteLine($"{boardName}: {steps} HIL steps in {clock.Elapsed.TotalSeconds:0.00} s; instructions per step mean {run.Result.InstructionsMean:0}, max {run.Result.InstructionsMax}");
        return run;
    }

    /// <summary>The .NET controller on the measurements the board got: its commands, sources and instruction-free counters.</summary>
    private void AssertAgrees(ILoopController dotnet, HilResult hil, string expectedSource)
    {
        var s = dotnet.Settings;
        var command = new float[s.P];
        double worst = 0;
        foreach (var step in hil.Steps)
        {
            var source = dotnet.Step(step.Measured, Preview(step.Step, s.Horizon, s.M), command);
            for (int i = 0; i < s.P; i++) worst = Math.Max(worst, Math.Abs(command[i] - step.Command[i]) / Math.Max(1, Math.Abs(command[i])));
            Assert.Equal(expectedSource == "pid" ? "pid" : ClosedLoopSimulation.SourceName(source), step.SourceName);
        }
        output.WriteLine($"largest relative difference between the board's and the .NET {dotnet.Kind} commands: {worst:G3}");
        Assert.True(worst <= 1e-5, $"largest difference between the board's and the .NET commands: {worst:G3}");
        Assert.Equal(dotnet.Counters.Steps, hil.Counters[0]);
        Assert.Equal(dotnet.Counters.Fallbacks, hil.Counters[1]);
    }

    [Fact]
    public void TheNewtonFirmwareTracksAndAgreesWithTheDotNetController()
    {
        var firmware = firmwares.Newton("mps2-an386");
        var run = RunOn("mps2-an386", firmware, Steps);
        var hil = run.Result;
        Assert.Equal(Steps, hil.Steps.Count);
        Assert.Equal((uint)Steps, hil.Totals.Steps);
        Assert.Equal((0L, 0u, 0u), (hil.Resends, hil.Totals.BadFrames, hil.Totals.LostFrames));
        Assert.Equal(firmware.Manifest.SettingsHash, hil.Hello.SettingsHash);

        // Tracking: after the first move the position error is a small part of the reference's own size.
        var tail = hil.Steps.Where(s => s.Step >= 50).ToList();
        double error = Math.Sqrt(tail.Average(s => Math.Pow(s.Measured[0] - Reference.Rows[s.Step][0], 2)));
        double size = Math.Sqrt(tail.Average(s => Math.Pow(Reference.Rows[s.Step][0], 2)));
        output.WriteLine($"position RMS error {error * 1000:0.00} mm against a reference of RMS {size * 1000:0.0} mm");
        Assert.True(error < 0.1 * size, $"RMS error {error} m for a reference of RMS {size} m");

        var model = MlpForwardModel.Load(Path.Combine(TestFiles.MsdModel, "model.onnx"));
        AssertAgrees(new NewtonLoopController(firmware.Preset.Settings, model), hil, "newton");

        // The board's own summary (semihosting) agrees with what the host saw.
        Assert.NotNull(run.Summary);
        Assert.Equal(Steps, run.Summary!.Number("steps"));
        Assert.Equal(hil.InstructionsMax, run.Summary.Number("instructions_max"));
        Assert.Equal((long)hil.Totals.InstructionsTotal, hil.Steps.Sum(s => (long)s.Instructions));
    }

    [Fact]
    public void ThePidBaselineFirmwareAgreesWithTheDotNetPid()
    {
        using var temp = new TempFolder();
        var board = BoardCatalog.FromRepository().Get("mps2-an386");
        var pid = FirmwareBuilder.Build(new FirmwareBuildRequest { ModelFolder = TestFiles.MsdModel, Board = board, OutputDir = temp["fw"], PidOnly = true });
        var run = RunOn("mps2-an386", pid, 200);
        Assert.All(run.Result.Steps, s => Assert.Equal("pid", s.SourceName));
        AssertAgrees(new PidLoopController(pid.Preset.Settings), run.Result, "pid");
    }

    [Fact]
    public void TheStm32BoardComputesTheSameCommandsAsTheMps2Board()
    {
        var stm = RunOn("netduinoplus2", firmwares.Newton("netduinoplus2"), 100).Result;
        var mps = RunOn("mps2-an386", firmwares.Newton("mps2-an386"), 100).Result;
        // Same core, flags and code: bit-identical commands; instruction counts differ only by the timer reads.
        Assert.Equal(mps.Steps.SelectMany(s => s.Command).Select(BitConverter.SingleToInt32Bits), stm.Steps.SelectMany(s => s.Command).Select(BitConverter.SingleToInt32Bits));
        output.WriteLine($"instructions per step: mps2-an386 {mps.InstructionsMean:0}, netduinoplus2 {stm.InstructionsMean:0}");
        // The budget for one control period on Cortex-M4 (forward model + Jacobian + Newton
        // update): 40,000 instructions, >= 4.2 kHz at 168 MHz by the count. QEMU counts are exact.
        Assert.InRange(mps.InstructionsMax, 1, 40_000);
        Assert.InRange(stm.InstructionsMax, 1, 40_000);
    }

    [Fact]
    public void TheFirmwareAnswersARepeatFromItsCacheAndCountsGapsAndBadFrames()
    {
        var firmware = firmwares.Newton("mps2-an386");
        var board = BoardCatalog.FromRepository().Get("mps2-an386");
        using var emulated = EmulatedBoard.Start(board, firmware.ElfPath, firmware.OutputDir);
        var link = emulated.Link;
        Assert.Equal(FrameType.Hello, link.Receive(TimeSpan.FromSeconds(30))?.Type);
        var sensor = new SensorMessage(new[] { 0.01f, 0f }, Preview(0, firmware.Manifest.Horizon, 2)).Encode();
        Frame Ask(Frame f) { link.Send(f); return link.Receive(TimeSpan.FromSeconds(30)) ?? throw new Xunit.Sdk.XunitException($"no reply to {f.Type} #{f.Seq}"); }

        Assert.Equal(FrameType.Hello, Ask(new Frame(FrameType.Hello, 0, Array.Empty<byte>())).Type); // asked again, as a host that missed it
        var first = Ask(new Frame(FrameType.Sensor, 10, sensor));
        var repeat = Ask(new Frame(FrameType.Sensor, 10, sensor));
        Assert.Equal((FrameType.Actuator, (ushort)10), (first.Type, first.Seq));
        Assert.Equal(first.Payload, repeat.Payload); // the same command, and steps still 1: no second period
        Assert.Equal(1u, ActuatorMessage.Decode(repeat.Payload, 1).Counters[0]);

        var corrupt = new Frame(FrameType.Sensor, 11, sensor).Encode();
        corrupt[7] ^= 0x04;
        link.SendRaw(corrupt);
        var error = link.Receive(TimeSpan.FromSeconds(30));
        Assert.Equal(FrameType.Error, error?.Type);
        Assert.Equal(new ErrorMessage(LinkErrorCode.BadFrame, 1), ErrorMessage.Decode(error!.Payload));

        var wrongSize = Ask(new Frame(FrameType.Sensor, 11, new byte[8]));
        Assert.Equal(LinkErrorCode.BadPayload, ErrorMessage.Decode(wrongSize.Payload).Code);
        Assert.Equal(FrameType.Actuator, Ask(new Frame(FrameType.Sensor, 13, sensor)).Type); // 11 and 12 never ran

        var stop = StopTotals.Decode(Ask(new Frame(FrameType.Stop, 14, Array.Empty<byte>())).Payload);
        Assert.Equal((2u, 1u, 2u), (stop.Steps, stop.BadFrames, stop.LostFrames));
        var exit = emulated.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(1, BoardSummary.Parse(exit.Semihosting)!.Number("repeated_frames"));
    }
}
