using EdgeToolkit.Firmware.Hil;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Health;

/// <summary>
/// Streams days to the health firmware on the emulated board (QEMU): HELLO, one DAY per day and its
/// PREDICTION, then STOP; each prediction is checked against the host's twin (HealthHostModel).
/// A reply that does not come in time, or an ERROR(BAD_FRAME), makes the host resend the same DAY
/// (same seq); the board answers a repeat from its cache, so no day enters the window twice.
/// </summary>
public static class HealthStream
{
    private const int MaxResends = 3;

    public static HealthStreamResult Run(HealthFirmwareResult fw, IReadOnlyList<HealthDay> days, string workDir, TimeSpan? timeout = null)
    {
        foreach (var (d, i) in days.Select((d, i) => (d, i)))
            if (d.Weekday is < 0 or > 6 || d.Columns.Length != fw.Columns)
                throw new EdgeToolkitException(ErrorKind.BadInput,
                    $"day {i}: weekday {d.Weekday} with {d.Columns.Length} columns; the firmware takes weekdays 0 (Monday) .. 6 and {fw.Columns} columns a day",
                    hint: "write each day's columns in the model's day-column order (HealthFeatures.WriteDay)");
        var replyTimeout = timeout ?? TimeSpan.FromSeconds(30);
        using var board = EmulatedBoard.Start(fw.Board, fw.ElfPath, workDir);
        try
        {
            return Stream(fw, days, board, replyTimeout);
        }
        catch (EdgeToolkitException e) when (e.Kind == ErrorKind.CheckFailed)
        {
            // Say how the board ended: a crash prints its exception over semihosting.
            var ended = board.WaitForExit(TimeSpan.FromSeconds(2));
            var said = (ended.Semihosting + ended.StdErr).Trim();
            throw new EdgeToolkitException(e.Kind, e.Problem + (said.Length > 0 ? $"\nthe board said: {said}" : ""), e.File,
                hint: (e.Hint != null ? e.Hint + "; " : "") + $"reproduce with: {board.Command}");
        }
    }

    private static HealthStreamResult Stream(HealthFirmwareResult fw, IReadOnlyList<HealthDay> days, EmulatedBoard board, TimeSpan timeout)
    {
        var link = board.Link;
        var hello = link.Receive(timeout) ?? throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board sent no HELLO within {timeout.TotalSeconds:0} s");
        RequireHello(fw, hello);

        var host = new HealthHostModel(fw);
        var predictions = new List<HealthBoardPrediction>(days.Count);
        int resends = 0;
        double maxDifference = 0;
        for (int k = 0; k < days.Count; k++)
        {
            var day = days[k];
            var reply = Exchange(link, new Frame(FrameType.Day, (ushort)k, new DayMessage(day.Weekday, day.Columns).Encode()), FrameType.Prediction, timeout, ref resends);
            var p = PredictionMessage.Decode(reply.Payload, fw.Heads, fw.OutputElements);
            var expected = host.Push(day);
            bool matches = p.Ready == (expected != null) && p.TargetWeekday == (day.Weekday + 1) % 7;
            if (expected != null)
            {
                for (int i = 0; i < expected.Length; i++)
                {
                    maxDifference = Math.Max(maxDifference, Math.Abs((double)p.Outputs[i] - expected[i]));
                    matches &= host.Agrees(p.Outputs[i], expected[i]);
                }
                matches &= p.Classes.SequenceEqual(HealthHostModel.Argmax(p.Outputs, fw.OutputSizes));
            }
            predictions.Add(new HealthBoardPrediction(k, p.Ready, p.TargetWeekday, p.Classes, p.Outputs, p.Instructions, expected, matches));
        }
        var stop = Exchange(link, new Frame(FrameType.Stop, (ushort)days.Count, Array.Empty<byte>()), FrameType.Stop, timeout, ref resends);
        var totals = HealthStopTotals.Decode(stop.Payload);
        var exit = board.WaitForExit(TimeSpan.FromSeconds(30));
        if (exit.ExitCode != 0)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the health firmware ended with exit code {exit.ExitCode} after STOP: {(exit.Semihosting + exit.StdErr).Trim()}");
        if (totals.Days != days.Count || totals.Predictions != predictions.Count(p => p.Ready))
            throw new EdgeToolkitException(ErrorKind.CheckFailed,
                $"the board counted {totals.Days} days and {totals.Predictions} predictions, the host sent {days.Count} days and saw {predictions.Count(p => p.Ready)} predictions");
        return new HealthStreamResult(predictions, predictions.All(p => p.MatchesHost), totals.InstructionsMax, totals.StackBytes, exit.Semihosting, board.Command)
        {
            BitExact = host.BitExact, Tolerance = host.Tolerance, MaxAbsDifference = maxDifference, InstructionsTotal = (long)totals.InstructionsTotal,
            BadFrames = (int)totals.BadFrames, Resends = resends,
        };
    }

    private static void RequireHello(HealthFirmwareResult fw, Frame f)
    {
        if (f.Type == FrameType.Error)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board reported {ErrorMessage.Decode(f.Payload).Code} at start");
        if (f.Type != FrameType.Hello || !HealthHelloMessage.IsHealth(f.Payload))
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board's first frame was {f.Type}, not the health firmware's HELLO",
                hint: "the image is another app: build it with ./edgetk firmware build --app health");
        var hello = HealthHelloMessage.Decode(f.Payload);
        if (hello.Version != Frame.ProtocolVersion)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board speaks protocol version {hello.Version}, this host {Frame.ProtocolVersion}",
                hint: "rebuild the firmware with this edgetk");
        if (hello.WindowDays != fw.WindowDays || hello.Columns != fw.Columns || !hello.HeadSizes.SequenceEqual(fw.OutputSizes) || hello.ModelName != fw.ModelName)
            throw new EdgeToolkitException(ErrorKind.CheckFailed,
                $"the board runs {hello.ModelName} (W {hello.WindowDays}, C {hello.Columns}, heads {string.Join("/", hello.HeadSizes)}), " +
                $"the build says {fw.ModelName} (W {fw.WindowDays}, C {fw.Columns}, heads {string.Join("/", fw.OutputSizes)})",
                hint: "the image and its build result differ: rebuild the firmware");
    }

    /// <summary>Sends a request and waits for the reply of the wanted type with the same seq, resending on silence or a reported bad frame.</summary>
    private static Frame Exchange(FrameLink link, Frame request, FrameType replyType, TimeSpan timeout, ref int resends)
    {
        for (int attempt = 0; attempt <= MaxResends; attempt++)
        {
            if (attempt > 0) resends++;
            link.Send(request);
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var f = link.Receive(deadline - DateTime.UtcNow);
                if (f == null) break;
                if (f.Type == replyType && f.Seq == request.Seq) return f;
                if (f.Type == FrameType.Error)
                {
                    var e = ErrorMessage.Decode(f.Payload);
                    if (e.Code == LinkErrorCode.BadFrame) break; // our frame arrived corrupt: resend now
                    throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board answered {request.Type} #{request.Seq} with {e.Code} ({e.Detail})",
                        hint: e.Code == LinkErrorCode.BadPayload ? $"the board expects {e.Detail} payload bytes: the firmware and the host disagree on the columns" : null);
                }
                // Anything else is a stale reply to an earlier resend: drop it.
            }
            if (link.Closed) break;
        }
        throw new EdgeToolkitException(ErrorKind.CheckFailed,
            $"the board did not answer {request.Type} #{request.Seq} after {MaxResends + 1} tries ({timeout.TotalSeconds:0.#} s each)",
            hint: link.Closed ? "the board's output ended: it crashed or exited (see its semihosting output)" : "check the serial connection");
    }
}
