using System.Diagnostics;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>frame_tool.c with firmware/runtime/etk_frame.c, built once with the host gcc (-pedantic) for the interop tests.</summary>
public sealed class FrameTool : IDisposable
{
    /// <summary>Both parsers refuse lengths above this (the tool is built with it as ETK_FRAME_MAX_PAYLOAD).</summary>
    public const int MaxPayload = 200;
    private readonly TempFolder _dir = new();
    public string Path { get; }

    public FrameTool()
    {
        Path = _dir["frame_tool"];
        var r = ProcessRunner.Run(Toolchain.Default.Require("gcc"), new[] { "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic",
            $"-DETK_FRAME_MAX_PAYLOAD={MaxPayload}u", "-I" + TestFiles.Runtime, "-o", Path,
            System.IO.Path.Combine(TestFiles.CSources, "frame_tool.c"), System.IO.Path.Combine(TestFiles.Runtime, "etk_frame.c") },
            _dir.Path, TimeSpan.FromMinutes(1));
        Assert.True(r.ExitCode == 0, r.CombinedOutput);
    }

    public string Run(string input, params string[] args)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        p.StandardInput.Write(input);
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(30_000), "frame_tool hung");
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return stdout.Result;
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>The C protocol (etk_frame.c) against the C# twin, both ways.</summary>
public class CFrameInteropTests(FrameTool tool) : IClassFixture<FrameTool>
{
    private const int MaxPayload = FrameTool.MaxPayload;

    private string Run(string input, params string[] args) => tool.Run(input, args);

    private static string Hex(byte[] bytes) => bytes.Length == 0 ? "-" : Convert.ToHexString(bytes).ToLowerInvariant();

    [Fact]
    public void TheCCrcMatchesTheCheckValue() => Assert.Equal("29b1", Run("", "crc", "123456789").Trim());

    [Fact]
    public void CEncodesTheBytesCSharpEncodes()
    {
        var frames = ProtocolTests.RandomFrames(new Random(3), 30, MaxPayload);
        var lines = Run(string.Join("\n", frames.Select(f => $"{(int)f.Type} {f.Seq} {Hex(f.Payload)}")) + "\n", "encode")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(frames.Select(f => Hex(f.Encode())), lines);
    }

    [Fact]
    public void CParsesWhatCSharpSendsAndCountsTheSameBadFrames()
    {
        var rng = new Random(4);
        var frames = ProtocolTests.RandomFrames(rng, 12, MaxPayload);
        var stream = new List<byte>();
        int corrupted = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var bytes = frames[i].Encode();
            if (i == 6) { stream.AddRange(new byte[] { 0xA5, 0x5A, 0x02, 0x01, 0x00, MaxPayload + 1 }); corrupted++; } // a length above the maximum
            if (i % 4 == 1) { var bad = (byte[])bytes.Clone(); bad[^3] ^= 0x01; stream.AddRange(bad); corrupted++; } // a corrupt copy first
            if (i % 5 == 2) stream.AddRange(new byte[] { 0x11, 0x5A, 0x00 });                                           // noise
            stream.AddRange(bytes);
        }
        var csharp = new FrameParser(MaxPayload);
        var expected = csharp.Feed(stream.ToArray());
        var output = Run(Convert.ToHexString(stream.ToArray()), "parse").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Select(f => $"frame {(int)f.Type} {f.Seq} {Hex(f.Payload)}"), output[..^1]);
        ProtocolTests.AssertSameFrames(frames, expected);
        Assert.Equal($"bad {csharp.BadFrames} skipped {csharp.SkippedBytes} frames {csharp.Frames}", output[^1]);
        Assert.Equal(corrupted, csharp.BadFrames);
    }

    [Fact]
    public void FloatsAreLittleEndianIeeeBothWays()
    {
        var values = new[] { 1f, -2.5f, 0.1f, float.MaxValue, float.Epsilon, -0f, 3.4028235e38f, 1e-40f };
        var bits = values.Select(v => BitConverter.SingleToUInt32Bits(v).ToString("x8")).ToList();
        var lines = Run(string.Join("\n", bits) + "\n", "f32").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < values.Length; i++)
        {
            var bytes = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, values[i]);
            Assert.Equal($"{Hex(bytes)} {bits[i]}", lines[i]);
        }
        // An ACTUATOR payload built the C way (etk_put_f32 per value) decodes in C#.
        var command = lines.Take(2).SelectMany(l => Convert.FromHexString(l[..8])).ToArray();
        var payload = command.Concat(new byte[1 + 4 + 36]).ToArray();
        Assert.Equal(new[] { 1f, -2.5f }, ActuatorMessage.Decode(payload, 2).Command);
    }
}
