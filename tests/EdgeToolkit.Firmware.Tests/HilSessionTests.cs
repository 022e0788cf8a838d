using System.IO.Pipes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>The host's side of the protocol against a scripted board on in-process pipes: resends, stale replies, checks.</summary>
public class HilSessionTests
{
    private const uint Hash = 0x1234ABCD;

    /// <summary>A board that answers SENSOR #k with u = k/2, but reports #0 as corrupt once, stays silent on #1 once (then answers it twice), and answers STOP with totals.</summary>
    private sealed class ScriptedBoard : IDisposable
    {
        private readonly AnonymousPipeServerStream _toHost = new(PipeDirection.Out), _fromHost = new(PipeDirection.In);
        private readonly Thread _thread;
        public FrameLink HostLink { get; }
        public List<Frame> Received { get; } = new();

        private readonly bool _helloAtStart;

        /// <param name="helloAtStart">False: like a real board whose start-up HELLO went out before the host opened the port.</param>
        public ScriptedBoard(bool helloAtStart = true)
        {
            _helloAtStart = helloAtStart;
            HostLink = new FrameLink(new AnonymousPipeClientStream(PipeDirection.In, _toHost.ClientSafePipeHandle),
                new AnonymousPipeClientStream(PipeDirection.Out, _fromHost.ClientSafePipeHandle));
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        private void Send(Frame f) { _toHost.Write(f.Encode()); _toHost.Flush(); }

        private void Run()
        {
            var hello = new Frame(FrameType.Hello, 0, new HelloMessage(1, FirmwareController.Newton, 1, 2, 2, Hash, "scripted").Encode());
            if (_helloAtStart) Send(hello);
            var parser = new FrameParser();
            var buffer = new byte[256];
            bool reportedCorrupt = false, keptSilent = false;
            int n;
            try
            {
                while ((n = _fromHost.Read(buffer, 0, buffer.Length)) > 0)
                    foreach (var f in parser.Feed(buffer.AsSpan(0, n)))
                    {
                        lock (Received) Received.Add(f);
                        if (f.Type == FrameType.Hello) { Send(hello); continue; }
                        var reply = new Frame(FrameType.Actuator, f.Seq, new ActuatorMessage(new[] { f.Seq / 2f }, 0, 1000u + f.Seq, new uint[9]).Encode());
                        if (f.Type == FrameType.Stop) { Send(new Frame(FrameType.Stop, f.Seq, new StopTotals(3, 1, 0, 1002, 3003).Encode())); return; }
                        if (f.Seq == 0 && !reportedCorrupt) { reportedCorrupt = true; Send(new Frame(FrameType.Error, 0, new ErrorMessage(LinkErrorCode.BadFrame, 1).Encode())); continue; }
                        if (f.Seq == 1 && !keptSilent) { keptSilent = true; continue; }
                        Send(reply);
                        if (f.Seq == 1) Send(reply); // a late duplicate: the host must not take it for #2's reply
                    }
            }
            catch (IOException) { }
        }

        public void Dispose()
        {
            HostLink.Dispose();
            _toHost.Dispose();
            _fromHost.Dispose();
        }
    }

    [Fact]
    public void TheHostResendsOnABadFrameReportAndOnSilence_AndIgnoresStaleReplies()
    {
        using var board = new ScriptedBoard();
        var session = new HilSession(board.HostLink, TimeSpan.FromMilliseconds(500)) { ExpectedSettingsHash = Hash };
        var result = session.Run(PlantCatalog.Create("msd"), (k, h, m) => new float[h * m], steps: 3);
        Assert.Equal(new[] { 0f, 0.5f, 1f }, result.Steps.Select(s => s.Command[0]));
        Assert.Equal(new uint[] { 1000, 1001, 1002 }, result.Steps.Select(s => s.Instructions));
        Assert.Equal(2, result.Resends);
        Assert.Equal(new StopTotals(3, 1, 0, 1002, 3003), result.Totals);
        lock (board.Received)
            Assert.Equal(new ushort[] { 0, 0, 1, 1, 2, 3 }, board.Received.Select(f => f.Seq));
    }

    [Fact]
    public void TheHostAsksForTheHelloItMissed()
    {
        using var board = new ScriptedBoard(helloAtStart: false);
        var hello = new HilSession(board.HostLink, TimeSpan.FromSeconds(5)).WaitForHello();
        Assert.Equal(("scripted", Hash), (hello.ModelName, hello.SettingsHash));
        lock (board.Received) Assert.Equal(FrameType.Hello, Assert.Single(board.Received).Type);
    }

    [Fact]
    public void ABoardWithOtherSettingsIsRejected()
    {
        using var board = new ScriptedBoard();
        var session = new HilSession(board.HostLink, TimeSpan.FromSeconds(5)) { ExpectedSettingsHash = Hash + 1 };
        var e = Assert.Throws<EdgeToolkitException>(() => session.Run(PlantCatalog.Create("msd"), (k, h, m) => new float[h * m], steps: 1));
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Contains("1234abcd", e.Message);
    }
}
