using EdgeToolkit.Graph;
using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Firmware.Protocol;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>The health app's frames: their bytes as docs/firmware.md tabulates them, and the firmware's answers to bad and repeated DAYs.</summary>
[Collection(HealthFirmwareCollection.Name)]
public class HealthProtocolTests(HealthFirmwares firmwares)
{
    [Fact]
    public void DayAndPredictionHaveTheDocumentedBytesAndRoundTrip()
    {
        var day = new DayMessage(6, new[] { 1f, -2.5f });
        // weekday, then 1.0f = 0x3F800000 and -2.5f = 0xC0200000, little-endian.
        Assert.Equal(new byte[] { 6, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0 }, day.Encode());
        var dayBack = DayMessage.Decode(day.Encode());
        Assert.Equal(day.Weekday, dayBack.Weekday);
        Assert.Equal(day.Columns, dayBack.Columns);

        var prediction = new PredictionMessage(true, 3, new[] { 2, 0 }, new[] { 0.5f, -0f, float.Epsilon }, 0x01020304);
        Assert.Equal(new byte[] { 1, 3, 2, 0, 0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x04, 0x03, 0x02, 0x01 },
            prediction.Encode());
        var back = PredictionMessage.Decode(prediction.Encode(), heads: 2, outputs: 3);
        Assert.Equal((prediction.Ready, prediction.TargetWeekday, prediction.Instructions), (back.Ready, back.TargetWeekday, back.Instructions));
        Assert.Equal(prediction.Classes, back.Classes);
        Assert.Equal(prediction.Outputs.Select(BitConverter.SingleToUInt32Bits), back.Outputs.Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal(PredictionMessage.Length(3, 9), 2 + 3 + 36 + 4);
        Assert.Throws<EdgeToolkitException>(() => PredictionMessage.Decode(prediction.Encode(), heads: 2, outputs: 4));

        var hello = new HealthHelloMessage(1, 7, 18, new[] { 3, 3, 3 }, "health_events");
        Assert.Equal(new byte[] { 1, 2, 7, 18, 3, 3, 3, 3, (byte)'h' }, hello.Encode()[..9]);
        var helloBack = HealthHelloMessage.Decode(hello.Encode());
        Assert.Equal((hello.Version, hello.WindowDays, hello.Columns, hello.ModelName), (helloBack.Version, helloBack.WindowDays, helloBack.Columns, helloBack.ModelName));
        Assert.Equal(hello.HeadSizes, helloBack.HeadSizes);
        Assert.False(HealthHelloMessage.IsHealth(new HelloMessage(1, FirmwareController.Newton, 1, 2, 3, 0, "msd").Encode()));

        var totals = new HealthStopTotals(35, 29, 1, 36034, 5_000_000_000UL, 324);
        Assert.Equal(totals, HealthStopTotals.Decode(totals.Encode()));
    }

    [Fact]
    public void TheFirmwareRefusesAWrongDayAndAnswersARepeatFromItsCache()
    {
        var (fw, _) = firmwares.Float;
        using var temp = new TempFolder();
        using var emulated = EmulatedBoard.Start(fw.Board, fw.ElfPath, temp.Path);
        var link = emulated.Link;
        Frame Ask(Frame f) { link.Send(f); return link.Receive(TimeSpan.FromSeconds(30)) ?? throw new Xunit.Sdk.XunitException($"no reply to {f.Type} #{f.Seq}"); }

        var helloFrame = link.Receive(TimeSpan.FromSeconds(30));
        Assert.Equal(FrameType.Hello, helloFrame?.Type);
        var hello = HealthHelloMessage.Decode(helloFrame!.Payload);
        Assert.Equal((7, 18, "health_events"), (hello.WindowDays, hello.Columns, hello.ModelName));
        Assert.Equal(new[] { 3, 3, 3 }, hello.HeadSizes);

        var days = HealthFirmwares.StreamDays;
        Assert.Equal(new ErrorMessage(LinkErrorCode.BadPayload, 73), ErrorMessage.Decode(Ask(new Frame(FrameType.Day, 0, new byte[8])).Payload));
        var badWeekday = new DayMessage(days[0].Weekday, days[0].Columns).Encode();
        badWeekday[0] = 7;
        Assert.Equal(LinkErrorCode.BadPayload, ErrorMessage.Decode(Ask(new Frame(FrameType.Day, 0, badWeekday)).Payload).Code);
        Assert.Equal(new ErrorMessage(LinkErrorCode.UnknownType, 0x09), ErrorMessage.Decode(Ask(new Frame((FrameType)0x09, 0, Array.Empty<byte>())).Payload));

        var replies = new List<Frame>();
        for (int k = 0; k < 7; k++) replies.Add(Ask(new Frame(FrameType.Day, (ushort)k, new DayMessage(days[k].Weekday, days[k].Columns).Encode())));
        Assert.All(replies, r => Assert.Equal(FrameType.Prediction, r.Type));
        var first = PredictionMessage.Decode(replies[0].Payload, 3, 9);
        Assert.False(first.Ready);
        Assert.Equal(new[] { 255, 255, 255 }, first.Classes);
        Assert.True(PredictionMessage.Decode(replies[6].Payload, 3, 9).Ready);

        // The seventh DAY again (its reply was lost): the same bytes, the window not moved, no second model run.
        var repeat = Ask(new Frame(FrameType.Day, 6, new DayMessage(days[6].Weekday, days[6].Columns).Encode()));
        Assert.Equal((FrameType.Prediction, (ushort)6), (repeat.Type, repeat.Seq));
        Assert.Equal(replies[6].Payload, repeat.Payload);

        var stop = HealthStopTotals.Decode(Ask(new Frame(FrameType.Stop, 7, Array.Empty<byte>())).Payload);
        Assert.Equal((7u, 1u, 0u), (stop.Days, stop.Predictions, stop.BadFrames));
        Assert.Equal(PredictionMessage.Decode(replies[6].Payload, 3, 9).Instructions, stop.InstructionsMax);
        Assert.InRange(stop.StackBytes, 64u, 8192u);
        var exit = emulated.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit.ExitCode);
        Assert.Contains("edgetk health summary", exit.Semihosting);
        Assert.Contains("repeated_frames 1\n", exit.Semihosting);
    }
}
