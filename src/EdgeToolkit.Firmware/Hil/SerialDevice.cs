using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>
/// A real board's serial port (e.g. /dev/ttyACM0) as the protocol's byte stream: put in raw mode
/// at the baud rate with stty, then opened as two unbuffered streams (one per direction, so the
/// reader thread and the writer never share one stream object).
/// </summary>
public static class SerialDevice
{
    public const int BaudRate = 115200;

    public static FrameLink Open(string device)
    {
        if (!File.Exists(device))
            throw new EdgeToolkitException(ErrorKind.BadInput, "serial device not found", file: device,
                hint: "plug the board in and give its port (ls /dev/ttyACM* /dev/ttyUSB*)");
        var stty = Toolchain.Default.Find("stty");
        if (stty != null)
        {
            var r = ProcessRunner.Run(stty, new[] { "-F", device, "raw", "-echo", BaudRate.ToString() }, null, TimeSpan.FromSeconds(10));
            if (r.ExitCode != 0)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot configure {device}: {r.CombinedOutput.Trim()}", file: device,
                    hint: "check the permissions (the dialout group) and that no other program holds the port");
        }
        var rx = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var tx = new FileStream(device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        return new FrameLink(rx, tx);
    }
}
