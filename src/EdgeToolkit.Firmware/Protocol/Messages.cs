using System.Buffers.Binary;
using System.Text;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Protocol;

/// <summary>Which controller a firmware runs (HELLO's controller byte).</summary>
public enum FirmwareController : byte { Newton = 0, Pid = 1 }

/// <summary>ERROR frame codes (etk_error_code).</summary>
public enum LinkErrorCode : byte { BadFrame = 1, BadPayload = 2, UnknownType = 3, InitFailed = 4 }

/// <summary>HELLO (board -> host, at start): version u8 | controller u8 | p u8 | m u8 | horizon u8 | settings hash u32 | model name (ASCII, the rest).</summary>
public sealed record HelloMessage(byte Version, FirmwareController Controller, int P, int M, int Horizon, uint SettingsHash, string ModelName)
{
    /// <summary>The firmware sends at most 32 characters of the name.</summary>
    public const int MaxLength = 9 + 32;

    public byte[] Encode()
    {
        var name = Encoding.ASCII.GetBytes(ModelName);
        var b = new byte[9 + name.Length];
        (b[0], b[1], b[2], b[3], b[4]) = (Version, (byte)Controller, (byte)P, (byte)M, (byte)Horizon);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(5), SettingsHash);
        name.CopyTo(b, 9);
        return b;
    }

    public static HelloMessage Decode(byte[] b)
    {
        Payload.Require(b.Length >= 9, FrameType.Hello, b.Length, "at least 9");
        return new HelloMessage(b[0], (FirmwareController)b[1], b[2], b[3], b[4],
            BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(5)), Encoding.ASCII.GetString(b, 9, b.Length - 9));
    }
}

/// <summary>SENSOR (host -> board): y[m] then ref[horizon*m], float32 LE.</summary>
public sealed record SensorMessage(float[] Measured, float[] Reference)
{
    public byte[] Encode() => Payload.Floats(Measured.Concat(Reference).ToArray());

    public static SensorMessage Decode(byte[] b, int m)
    {
        var all = Payload.ReadFloats(b, 0, b.Length / 4);
        return new SensorMessage(all[..m], all[m..]);
    }
}

/// <summary>
/// ACTUATOR (board -> host, the reply to the SENSOR with the same seq): u[p] float32 | source u8 |
/// instructions u32 (of the controller step; 0 without a counter) | 9 counters u32 (etk_nr_counters order).
/// Source: etk_nr_source 0..4, or 5 from the PID-only firmware.
/// </summary>
public sealed record ActuatorMessage(float[] Command, byte Source, uint Instructions, uint[] Counters)
{
    public const byte PidBaselineSource = 5;
    public const int CounterCount = 9;
    public static readonly string[] CounterNames =
    {
        "steps", "fallbacks", "fallback_sensor", "fallback_mismatch", "fallback_singular", "fallback_diverged",
        "sensor_faults", "newton_iterations", "saturated_steps",
    };

    public static int Length(int p) => 4 * p + 1 + 4 + 4 * CounterCount;

    public byte[] Encode()
    {
        var b = new byte[Length(Command.Length)];
        Payload.Floats(Command).CopyTo(b, 0);
        int n = 4 * Command.Length;
        b[n++] = Source;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(n), Instructions);
        for (int i = 0; i < CounterCount; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(n + 4 + 4 * i), Counters[i]);
        return b;
    }

    public static ActuatorMessage Decode(byte[] b, int p)
    {
        Payload.Require(b.Length == Length(p), FrameType.Actuator, b.Length, Length(p).ToString());
        int n = 4 * p;
        var counters = new uint[CounterCount];
        for (int i = 0; i < CounterCount; i++) counters[i] = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(n + 5 + 4 * i));
        return new ActuatorMessage(Payload.ReadFloats(b, 0, p), b[n], BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(n + 1)), counters);
    }

    /// <summary>The source byte as a word for logs and JSON.</summary>
    public static string SourceName(byte source) => source switch
    {
        0 => "newton", 1 => "fallback_sensor", 2 => "fallback_mismatch", 3 => "fallback_singular", 4 => "fallback_diverged",
        PidBaselineSource => "pid", _ => $"unknown_{source}",
    };
}

/// <summary>STOP reply (board -> host): steps u32 | bad frames u32 | lost frames u32 | max instructions u32 | total instructions u64.</summary>
public sealed record StopTotals(uint Steps, uint BadFrames, uint LostFrames, uint InstructionsMax, ulong InstructionsTotal)
{
    public byte[] Encode()
    {
        var b = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(b, Steps);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), BadFrames);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), LostFrames);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), InstructionsMax);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), InstructionsTotal);
        return b;
    }

    public static StopTotals Decode(byte[] b)
    {
        Payload.Require(b.Length == 24, FrameType.Stop, b.Length, "24");
        return new StopTotals(BinaryPrimitives.ReadUInt32LittleEndian(b), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)),
            BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(12)),
            BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16)));
    }
}

/// <summary>ERROR (board -> host): code u8 | detail u32 (bad frames so far, the expected payload length, or the unknown type).</summary>
public sealed record ErrorMessage(LinkErrorCode Code, uint Detail)
{
    public byte[] Encode()
    {
        var b = new byte[5];
        b[0] = (byte)Code;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(1), Detail);
        return b;
    }

    public static ErrorMessage Decode(byte[] b)
    {
        Payload.Require(b.Length == 5, FrameType.Error, b.Length, "5");
        return new ErrorMessage((LinkErrorCode)b[0], BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(1)));
    }
}

/// <summary>
/// HELLO of the health firmware (board -> host, at start): version u8 | app u8 (2) | W u8 | C u8 | heads u8 |
/// head sizes u8[heads] | model name (ASCII, the rest). Byte 1 is where the control firmware says 0 Newton or 1 PID.
/// </summary>
public sealed record HealthHelloMessage(byte Version, int WindowDays, int Columns, int[] HeadSizes, string ModelName)
{
    public const byte AppKind = 2;

    public static int MaxLength(int heads) => 5 + heads + 32;

    public byte[] Encode()
    {
        var name = Encoding.ASCII.GetBytes(ModelName);
        var b = new byte[5 + HeadSizes.Length + name.Length];
        (b[0], b[1], b[2], b[3], b[4]) = (Version, AppKind, (byte)WindowDays, (byte)Columns, (byte)HeadSizes.Length);
        for (int h = 0; h < HeadSizes.Length; h++) b[5 + h] = (byte)HeadSizes[h];
        name.CopyTo(b, 5 + HeadSizes.Length);
        return b;
    }

    /// <summary>True when a HELLO payload comes from the health firmware (and not the control firmware).</summary>
    public static bool IsHealth(byte[] b) => b.Length >= 2 && b[1] == AppKind;

    public static HealthHelloMessage Decode(byte[] b)
    {
        Payload.Require(b.Length >= 5 && b[1] == AppKind && b.Length >= 5 + b[4], FrameType.Hello, b.Length, "at least 5 + heads, app byte 2 (health)");
        int heads = b[4];
        return new HealthHelloMessage(b[0], b[2], b[3], b.AsSpan(5, heads).ToArray().Select(v => (int)v).ToArray(),
            Encoding.ASCII.GetString(b, 5 + heads, b.Length - 5 - heads));
    }
}

/// <summary>DAY (host -> board, health app): weekday u8 (Monday 0 .. Sunday 6) of the day the readings describe | columns[C] f32.</summary>
public sealed record DayMessage(int Weekday, float[] Columns)
{
    public static int Length(int columns) => 1 + 4 * columns;

    public byte[] Encode()
    {
        if (Weekday is < 0 or > 6) throw new ArgumentOutOfRangeException(nameof(Weekday), Weekday, "0 (Monday) .. 6 (Sunday)");
        var b = new byte[Length(Columns.Length)];
        b[0] = (byte)Weekday;
        Payload.Floats(Columns).CopyTo(b, 1);
        return b;
    }

    public static DayMessage Decode(byte[] b)
    {
        Payload.Require(b.Length >= 1 && (b.Length - 1) % 4 == 0, FrameType.Day, b.Length, "1 + 4 C");
        return new DayMessage(b[0], Payload.ReadFloats(b, 1, (b.Length - 1) / 4));
    }
}

/// <summary>
/// PREDICTION (board -> host, the reply to the DAY with the same seq): ready u8 (0 until the window holds W days) |
/// target weekday u8 (the day after the DAY's) | class u8 per head (argmax; 255 when not ready) | every output element f32
/// (heads in model output order; 0 when not ready) | instructions u32 (the model run; 0 when not ready).
/// </summary>
public sealed record PredictionMessage(bool Ready, int TargetWeekday, int[] Classes, float[] Outputs, uint Instructions)
{
    public const byte NotReadyClass = 255;

    public static int Length(int heads, int outputs) => 2 + heads + 4 * outputs + 4;

    public byte[] Encode()
    {
        var b = new byte[Length(Classes.Length, Outputs.Length)];
        b[0] = (byte)(Ready ? 1 : 0);
        b[1] = (byte)TargetWeekday;
        for (int h = 0; h < Classes.Length; h++) b[2 + h] = (byte)Classes[h];
        int n = 2 + Classes.Length;
        Payload.Floats(Outputs).CopyTo(b, n);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(n + 4 * Outputs.Length), Instructions);
        return b;
    }

    public static PredictionMessage Decode(byte[] b, int heads, int outputs)
    {
        Payload.Require(b.Length == Length(heads, outputs), FrameType.Prediction, b.Length, Length(heads, outputs).ToString());
        int n = 2 + heads;
        return new PredictionMessage(b[0] != 0, b[1], b.AsSpan(2, heads).ToArray().Select(v => (int)v).ToArray(), Payload.ReadFloats(b, n, outputs),
            BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(n + 4 * outputs)));
    }
}

/// <summary>STOP reply of the health firmware: days u32 | predictions u32 | bad frames u32 | max instructions u32 | total instructions u64 | stack bytes u32 (high-water mark since reset).</summary>
public sealed record HealthStopTotals(uint Days, uint Predictions, uint BadFrames, uint InstructionsMax, ulong InstructionsTotal, uint StackBytes)
{
    public const int Length = 28;

    public byte[] Encode()
    {
        var b = new byte[Length];
        BinaryPrimitives.WriteUInt32LittleEndian(b, Days);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), Predictions);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), BadFrames);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), InstructionsMax);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), InstructionsTotal);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24), StackBytes);
        return b;
    }

    public static HealthStopTotals Decode(byte[] b)
    {
        Payload.Require(b.Length == Length, FrameType.Stop, b.Length, Length.ToString());
        return new HealthStopTotals(BinaryPrimitives.ReadUInt32LittleEndian(b), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)),
            BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(12)),
            BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
    }
}

internal static class Payload
{
    public static byte[] Floats(float[] values)
    {
        var b = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), values[i]);
        return b;
    }

    public static float[] ReadFloats(byte[] b, int offset, int count)
    {
        var v = new float[count];
        for (int i = 0; i < count; i++) v[i] = BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(offset + 4 * i));
        return v;
    }

    public static void Require(bool ok, FrameType type, int got, string expected)
    {
        if (!ok)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the board sent a {type} frame of {got} payload bytes, expected {expected}",
                hint: "the firmware and the host speak different protocol versions: rebuild the firmware with this edgetk");
    }
}
