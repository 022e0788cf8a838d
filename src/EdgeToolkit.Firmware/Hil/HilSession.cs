using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>
/// Hardware in the loop: the board (emulated or real, behind a FrameLink) computes the commands,
/// the host simulates the plant. Per period: SENSOR(y(k), preview) -> ACTUATOR(u(k)) -> plant.Step(u(k)).
/// A reply that does not come in time, or an ERROR(BAD_FRAME) from the board, makes the host
/// resend the same SENSOR (same seq); the board answers a repeat from its cache, so no period runs twice.
/// </summary>
public sealed class HilSession
{
    private readonly FrameLink _link;
    private readonly TimeSpan _timeout;
    private readonly int _maxResends;

    public HilSession(FrameLink link, TimeSpan? replyTimeout = null, int maxResends = 3)
    {
        _link = link;
        _timeout = replyTimeout ?? TimeSpan.FromSeconds(10);
        _maxResends = maxResends;
    }

    /// <summary>Progress callback: (steps done, steps in total).</summary>
    public Action<int, int>? Progress { get; init; }
    /// <summary>The settings hash the board must report (from the image's manifest), or null to accept any.</summary>
    public uint? ExpectedSettingsHash { get; init; }

    /// <summary>
    /// The board's HELLO: the one it sends at start, or (a real board whose port was opened after
    /// its start-up) the answer to an empty HELLO the host sends when none came within a second.
    /// </summary>
    public HelloMessage WaitForHello()
    {
        var deadline = DateTime.UtcNow + _timeout;
        var f = _link.Receive(TimeSpan.FromTicks(Math.Min(_timeout.Ticks, TimeSpan.FromSeconds(1).Ticks)));
        while (f == null && !_link.Closed && DateTime.UtcNow < deadline)
        {
            _link.Send(new Frame(FrameType.Hello, 0, Array.Empty<byte>()));
            f = _link.Receive(TimeSpan.FromTicks(Math.Min((deadline - DateTime.UtcNow).Ticks, TimeSpan.FromSeconds(1).Ticks)));
        }
        if (f == null)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board sent no HELLO within {_timeout.TotalSeconds:0} s",
                hint: "check that the image is the control firmware and the serial port is the board's");
        if (f.Type == FrameType.Error)
        {
            var e = ErrorMessage.Decode(f.Payload);
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board reported {e.Code} at start",
                hint: e.Code == LinkErrorCode.InitFailed ? "the controller settings do not fit the model or etk_nr's maxima: rebuild the firmware" : null);
        }
        if (f.Type != FrameType.Hello)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board's first frame was {f.Type}, not HELLO");
        var hello = HelloMessage.Decode(f.Payload);
        if (hello.Version != Frame.ProtocolVersion)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board speaks protocol version {hello.Version}, this host {Frame.ProtocolVersion}",
                hint: "rebuild the firmware with this edgetk");
        if (ExpectedSettingsHash is uint want && hello.SettingsHash != want)
            throw new EdgeToolkitException(ErrorKind.CheckFailed,
                $"the board runs controller settings {hello.SettingsHash:x8}, the image's manifest says {want:x8}",
                hint: "the board holds another firmware: flash this image again");
        return hello;
    }

    /// <summary>Sensor and actuator faults between the plant and the board (the same scenarios as the host simulation), or none.</summary>
    public FaultInjection? Faults { get; init; }

    /// <summary>Runs `steps` periods against the plant (reset with the noise seed), then STOP.</summary>
    public HilResult Run(IPlant plant, ReferencePreview reference, int steps, int noiseSeed = 1)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var hello = WaitForHello();
        var spec = plant.Spec;
        if (hello.P != spec.InputCount || hello.M != spec.OutputCount)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the firmware controls {hello.P} inputs and {hello.M} outputs, plant '{spec.Name}' has {spec.InputCount} and {spec.OutputCount}",
                hint: "run the plant the model was trained on");
        plant.Reset(noiseSeed);
        Faults?.Reset();
        var noiseStd = spec.Outputs.Select(o => o.NoiseStd).ToArray();
        var lastApplied = spec.Inputs.Select(i => i.Initial).ToArray();
        var y = plant.Measured.Select(v => (float)v).ToArray();
        var log = new List<HilStep>(steps);
        long resends = 0;
        uint[] counters = new uint[ActuatorMessage.CounterCount];
        for (int k = 0; k < steps; k++)
        {
            var preview = reference(k, hello.Horizon, hello.M);
            if (preview.Length != hello.Horizon * hello.M)
                throw new ArgumentException($"the reference gave {preview.Length} values for {hello.Horizon} x {hello.M}");
            var seq = (ushort)k;
            double t = k * spec.Period;
            Faults?.CorruptReading(t, noiseStd, y);
            var reply = Exchange(new Frame(FrameType.Sensor, seq, new SensorMessage(y, preview).Encode()), FrameType.Actuator, ref resends);
            var a = ActuatorMessage.Decode(reply.Payload, hello.P);
            counters = a.Counters;
            var applied = a.Command.Select(v => (double)v).ToArray();
            Faults?.Actuate(t, lastApplied, applied);
            applied.CopyTo(lastApplied, 0);
            var next = plant.Step(applied).Select(v => (float)v).ToArray();
            log.Add(new HilStep(k, Math.Round(t, 9), preview[..hello.M], y, a.Command, a.Source, a.Instructions, plant.TrueOutputs.ToArray()));
            y = next;
            Progress?.Invoke(k + 1, steps);
        }
        var stop = Exchange(new Frame(FrameType.Stop, (ushort)steps, Array.Empty<byte>()), FrameType.Stop, ref resends);
        return new HilResult(hello, log, StopTotals.Decode(stop.Payload), counters, resends, _link.BadFrames, clock.Elapsed);
    }

    /// <summary>Sends a request and waits for the reply of the wanted type with the same seq, resending on silence or a reported bad frame.</summary>
    private Frame Exchange(Frame request, FrameType replyType, ref long resends)
    {
        for (int attempt = 0; attempt <= _maxResends; attempt++)
        {
            if (attempt > 0) resends++;
            _link.Send(request);
            var deadline = DateTime.UtcNow + _timeout;
            while (DateTime.UtcNow < deadline)
            {
                var f = _link.Receive(deadline - DateTime.UtcNow);
                if (f == null) break;
                if (f.Type == replyType && f.Seq == request.Seq) return f;
                if (f.Type == FrameType.Error)
                {
                    var e = ErrorMessage.Decode(f.Payload);
                    if (e.Code == LinkErrorCode.BadFrame) break; // our frame arrived corrupt: resend now
                    throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board answered {request.Type} #{request.Seq} with {e.Code} ({e.Detail})",
                        hint: e.Code == LinkErrorCode.BadPayload ? $"the board expects {e.Detail} payload bytes: the firmware and the reference disagree on the horizon" : null);
                }
                // Anything else is a stale reply to an earlier resend: drop it.
            }
            if (_link.Closed) break;
        }
        throw new EdgeToolkitException(ErrorKind.CheckFailed,
            $"the board did not answer {request.Type} #{request.Seq} after {_maxResends + 1} tries ({_timeout.TotalSeconds:0.#} s each)",
            hint: _link.Closed ? "the board's output ended: it crashed or exited (see its semihosting output)" : "check the serial connection");
    }
}
