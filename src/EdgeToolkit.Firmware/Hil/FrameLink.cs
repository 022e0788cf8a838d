using System.Collections.Concurrent;
using EdgeToolkit.Firmware.Protocol;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>
/// The host's end of the framed protocol over a byte stream pair (QEMU's stdio, or a serial
/// device). A reader thread parses incoming bytes into frames, so Receive can time out even on
/// streams without read timeouts (pipes).
/// </summary>
public sealed class FrameLink : IDisposable
{
    private readonly Stream _tx;
    private readonly FrameParser _parser = new();
    private readonly BlockingCollection<Frame> _frames = new();
    private readonly Thread _reader;
    private volatile bool _closed;

    public FrameLink(Stream rx, Stream tx)
    {
        _tx = tx;
        _reader = new Thread(() => ReadLoop(rx)) { IsBackground = true, Name = "edgetk-frame-reader" };
        _reader.Start();
    }

    /// <summary>Corrupt frames the board sent (failed CRC or length).</summary>
    public long BadFrames { get { lock (_parser) return _parser.BadFrames; } }
    /// <summary>True once the board's output ended (its process exited or the device closed).</summary>
    public bool Closed => _closed;

    public void Send(Frame frame)
    {
        var bytes = frame.Encode();
        _tx.Write(bytes);
        _tx.Flush();
    }

    /// <summary>Raw bytes, for tests that corrupt the line.</summary>
    public void SendRaw(ReadOnlySpan<byte> bytes)
    {
        _tx.Write(bytes);
        _tx.Flush();
    }

    /// <summary>The next frame, or null when none arrived in time or the line closed.</summary>
    public Frame? Receive(TimeSpan timeout)
    {
        try { return _frames.TryTake(out var f, timeout) ? f : null; }
        catch (InvalidOperationException) { return null; } // completed: the line closed
    }

    private void ReadLoop(Stream rx)
    {
        var buffer = new byte[512];
        try
        {
            int n;
            while ((n = rx.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (_parser)
                    foreach (var f in _parser.Feed(buffer.AsSpan(0, n))) _frames.Add(f);
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            _closed = true;
            _frames.CompleteAdding();
        }
    }

    public void Dispose()
    {
        _closed = true;
        try { _tx.Dispose(); } catch (IOException) { }
    }
}
