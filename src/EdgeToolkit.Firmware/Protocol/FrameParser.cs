namespace EdgeToolkit.Firmware.Protocol;

/// <summary>
/// Byte-by-byte frame parser, the twin of etk_frame_parser: Push each received byte, then take
/// frames with TryNext until it returns false. A candidate with a length above the maximum or a
/// bad CRC counts as a bad frame, and the search resumes one byte after its sync, so a good frame
/// that a corrupt header swallowed is still found.
/// </summary>
public sealed class FrameParser
{
    private readonly byte[] _buf;
    private readonly int _maxPayload;
    private int _start, _count;

    /// <param name="maxPayload">The largest payload accepted (ETK_FRAME_MAX_PAYLOAD of the C twin): a longer length is a corrupt header.</param>
    public FrameParser(int maxPayload = Frame.MaxPayload)
    {
        if (maxPayload is < 0 or > Frame.MaxPayload) throw new ArgumentOutOfRangeException(nameof(maxPayload), $"0 .. {Frame.MaxPayload}");
        _maxPayload = maxPayload;
        _buf = new byte[maxPayload + Frame.Overhead];
    }

    public long Frames { get; private set; }
    public long BadFrames { get; private set; }
    public long SkippedBytes { get; private set; }

    public void Push(byte b)
    {
        if (_start + _count == _buf.Length)
        {
            if (_count == _buf.Length) { Drop(1); SkippedBytes++; }
            Array.Copy(_buf, _start, _buf, 0, _count);
            _start = 0;
        }
        _buf[_start + _count++] = b;
    }

    public bool TryNext(out Frame frame)
    {
        frame = null!;
        while (true)
        {
            if (_count == 0) return false;
            if (_buf[_start] != Frame.Sync0) { Drop(1); SkippedBytes++; continue; }
            if (_count < 2) return false;
            if (_buf[_start + 1] != Frame.Sync1) { Drop(1); SkippedBytes++; continue; }
            if (_count < Frame.HeaderBytes) return false;
            int len = _buf[_start + 5];
            if (len > _maxPayload) { BadFrames++; Drop(1); continue; }
            int total = Frame.Overhead + len;
            if (_count < total) return false;
            var crc = Crc16Ccitt.Compute(_buf.AsSpan(_start + 2, 4 + len));
            var sent = (ushort)(_buf[_start + total - 2] | (_buf[_start + total - 1] << 8));
            if (crc != sent) { BadFrames++; Drop(1); continue; }
            frame = new Frame((FrameType)_buf[_start + 2], (ushort)(_buf[_start + 3] | (_buf[_start + 4] << 8)),
                _buf.AsSpan(_start + Frame.HeaderBytes, len).ToArray());
            Drop(total);
            Frames++;
            return true;
        }
    }

    /// <summary>Pushes bytes and returns every frame they complete.</summary>
    public List<Frame> Feed(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<Frame>();
        foreach (var b in bytes)
        {
            Push(b);
            while (TryNext(out var f)) frames.Add(f);
        }
        return frames;
    }

    private void Drop(int n)
    {
        _start += n;
        _count -= n;
        if (_count == 0) _start = 0;
    }
}
