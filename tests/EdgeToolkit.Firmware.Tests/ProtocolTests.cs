using System.Text;
using EdgeToolkit.Firmware.Protocol;

namespace EdgeToolkit.Firmware.Tests;

public class ProtocolTests
{
    [Fact]
    public void Crc16CcittFalseMatchesTheCatalogueCheckValue()
    {
        // The CRC catalogue's check value for CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740).
        Assert.Equal(0x29B1, Crc16Ccitt.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xFFFF, Crc16Ccitt.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void AFrameHasTheDocumentedBytes()
    {
        var bytes = new Frame(FrameType.Sensor, 0x0102, new byte[] { 0xAA, 0xBB }).Encode();
        var crc = Crc16Ccitt.Compute(new byte[] { 0x02, 0x02, 0x01, 0x02, 0xAA, 0xBB });
        Assert.Equal(new byte[] { 0xA5, 0x5A, 0x02, 0x02, 0x01, 0x02, 0xAA, 0xBB, (byte)crc, (byte)(crc >> 8) }, bytes);
    }

    [Fact]
    public void FramesSplitIntoSingleBytesComeOutWhole()
    {
        var frames = RandomFrames(new Random(1), 20);
        var parser = new FrameParser();
        var got = new List<Frame>();
        foreach (var b in frames.SelectMany(f => f.Encode())) got.AddRange(parser.Feed(new[] { b }));
        AssertSameFrames(frames, got);
        Assert.Equal(0, parser.BadFrames);
        Assert.Equal(0, parser.SkippedBytes);
    }

    [Fact]
    public void TheParserResyncsAfterCorruptFrames()
    {
        var rng = new Random(2);
        var good = new[] { 10, 40, 0, 100, 60, 60 }.Select((size, k) => FrameOf(rng, FrameType.Sensor, (ushort)k, size)).ToArray();
        var stream = new List<byte>();
        stream.AddRange(good[0].Encode());
        var flipped = good[1].Encode();
        flipped[8] ^= 0x10;                                        // a payload bit: bad CRC
        stream.AddRange(flipped);
        stream.AddRange(good[1].Encode());                         // the host's resend
        stream.AddRange(new byte[] { 0x00, 0x13, 0x5A, 0xFF });    // line noise (no sync byte)
        stream.AddRange(new byte[] { 0xA5, 0x5A, 0x02, 0x00, 0x00, 250 }); // a length above this parser's maximum
        stream.AddRange(good[2].Encode());
        stream.AddRange(good[3].Encode().Take(9));                 // cut off: its length swallows the next frame
        stream.AddRange(good[4].Encode());
        stream.AddRange(good[5].Encode());
        var parser = new FrameParser(maxPayload: 200);
        var got = parser.Feed(stream.ToArray());
        AssertSameFrames(new[] { good[0], good[1], good[2], good[4], good[5] }, got);
        Assert.Equal(3, parser.BadFrames);
    }

    [Fact]
    public void MessagesRoundTrip()
    {
        var hello = new HelloMessage(1, FirmwareController.Pid, 6, 3, 4, 0xDEADBEEF, "control_hasel");
        Assert.Equal(hello, HelloMessage.Decode(hello.Encode()));
        var actuator = new ActuatorMessage(new[] { 1.5f, -0f, float.Epsilon }, 2, 123456, Enumerable.Range(1, 9).Select(i => (uint)i * 1000).ToArray());
        var back = ActuatorMessage.Decode(actuator.Encode(), 3);
        Assert.Equal(actuator.Command.Select(BitConverter.SingleToInt32Bits), back.Command.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal((actuator.Source, actuator.Instructions), (back.Source, back.Instructions));
        Assert.Equal(actuator.Counters, back.Counters);
        var sensor = SensorMessage.Decode(new SensorMessage(new[] { 1f, 2f }, new[] { 3f, 4f, 5f, 6f }).Encode(), 2);
        Assert.Equal(new[] { 1f, 2f }, sensor.Measured);
        Assert.Equal(new[] { 3f, 4f, 5f, 6f }, sensor.Reference);
        var totals = new StopTotals(1000, 2, 1, 40000, 38_000_000_000UL);
        Assert.Equal(totals, StopTotals.Decode(totals.Encode()));
    }

    /// <summary>
    /// A frame with a random payload of the given size whose bytes after its sync never hold the
    /// sync byte 0xA5 (payload, seq and CRC), so that a corrupted stream's bad-frame count is exact.
    /// </summary>
    public static Frame FrameOf(Random rng, FrameType type, ushort seq, int size)
    {
        if (size == Frame.Sync0 || (seq & 0xFF) == Frame.Sync0 || seq >> 8 == Frame.Sync0)
            throw new ArgumentException($"size {size} or seq {seq} would put 0xA5 into the header");
        while (true)
        {
            var payload = new byte[size];
            rng.NextBytes(payload);
            for (int i = 0; i < payload.Length; i++) if (payload[i] == Frame.Sync0) payload[i] = 0x42;
            var f = new Frame(type, seq, payload);
            if (!f.Encode().Skip(1).Contains(Frame.Sync0)) return f;
            if (size == 0) throw new ArgumentException($"an empty {type} frame #{seq} has 0xA5 in its CRC: pick another seq");
        }
    }

    public static List<Frame> RandomFrames(Random rng, int count, int maxSize = Frame.MaxPayload) =>
        Enumerable.Range(0, count).Select(k => FrameOf(rng, (FrameType)rng.Next(1, 5), (ushort)(k * 257 + 3), SizeWithoutSync(rng.Next(1, maxSize + 1)))).ToList();

    private static int SizeWithoutSync(int size) => size == Frame.Sync0 ? size + 1 : size;

    public static void AssertSameFrames(IReadOnlyList<Frame> expected, IReadOnlyList<Frame> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Type, expected[i].Seq), (actual[i].Type, actual[i].Seq));
            Assert.Equal(expected[i].Payload, actual[i].Payload);
        }
    }
}
