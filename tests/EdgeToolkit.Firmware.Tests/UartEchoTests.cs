using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>
/// Each board's UART driver and the C parser under QEMU: an echo firmware returns every good
/// frame the host sends, through corrupt frames and line noise, and reports its parser's counters.
/// </summary>
public class UartEchoTests
{
    [Theory]
    [InlineData("mps2-an386")]
    [InlineData("netduinoplus2")]
    [InlineData("mps2-an385")]
    [InlineData("mps2-an500")]
    [InlineData("mps2-an505")]
    [InlineData("microbit")]
    public void FramesEchoThroughTheBoardUart(string boardName)
    {
        var board = BoardCatalog.FromRepository().Get(boardName);
        using var temp = new TempFolder();
        var uart = BoardUart.For(board);
        var build = FirmwareImage.Build(board,
            new[] { Path.Combine(TestFiles.CSources, "frame_echo.c"), Path.Combine(TestFiles.Runtime, "etk_frame.c"), Path.Combine(TestFiles.BoardCommon, uart.DriverFile) },
            temp["out"], new[] { "-pedantic", "-I" + TestFiles.Runtime }.Concat(uart.Defines.Select(d => "-D" + d)).ToList());

        var rng = new Random(5);
        var frames = new[] { 0, 17, 200, 3, 64, 1, 120, 8 }.Select((size, k) => ProtocolTests.FrameOf(rng, FrameType.Sensor, (ushort)(k + 1), size)).ToList();
        var stream = new List<byte>();
        int corrupt = 0, skipped = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var bytes = frames[i].Encode();
            if (i % 3 == 1)
            {
                // CRC off (the host's resend follows): the parser drops the candidate's sync, then skips the rest byte by byte.
                var bad = (byte[])bytes.Clone();
                bad[^1] ^= 0x80;
                stream.AddRange(bad);
                corrupt++;
                skipped += bad.Length - 1;
            }
            if (i % 3 == 2) { stream.AddRange(new byte[] { 0x00, 0x5A, 0xFF, 0x33 }); skipped += 4; } // noise on the line
            stream.AddRange(bytes);
        }

        using var emulated = EmulatedBoard.Start(board, build.ElfPath, temp["run"]);
        var hello = emulated.Link.Receive(TimeSpan.FromSeconds(30));
        Assert.NotNull(hello);
        Assert.Equal((FrameType.Hello, "echo"), (hello!.Type, System.Text.Encoding.ASCII.GetString(hello.Payload)));
        emulated.Link.SendRaw(stream.ToArray()); // in one burst: the UART's flow control holds what the board has not read
        var echoes = frames.Select(_ => emulated.Link.Receive(TimeSpan.FromSeconds(30)) ?? throw new Xunit.Sdk.XunitException("an echo is missing")).ToList();
        ProtocolTests.AssertSameFrames(frames, echoes);

        emulated.Link.Send(new Frame(FrameType.Stop, 99, Array.Empty<byte>()));
        Assert.Equal(FrameType.Stop, emulated.Link.Receive(TimeSpan.FromSeconds(30))?.Type);
        var exit = emulated.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal($"frames {frames.Count + 1}\nbad {corrupt}\nskipped {skipped}\n", exit.Semihosting);
        Assert.Equal(0, emulated.Link.BadFrames);
    }
}
