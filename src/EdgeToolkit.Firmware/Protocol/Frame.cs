using System.Buffers.Binary;

namespace EdgeToolkit.Firmware.Protocol;

/// <summary>Frame types of the control and health protocol (the same values as etk_frame_type in firmware/runtime/etk_frame.h).</summary>
public enum FrameType : byte { Hello = 0x01, Sensor = 0x02, Actuator = 0x03, Stop = 0x04, Day = 0x05, Prediction = 0x06, Error = 0x7F }

/// <summary>
/// One frame: 0xA5 0x5A | type u8 | seq u16 LE | len u8 | payload | CRC-16/CCITT-FALSE over type..payload, u16 LE.
/// The C twin is firmware/runtime/etk_frame.{h,c}; docs/firmware.md has the byte tables.
/// </summary>
public sealed record Frame(FrameType Type, ushort Seq, byte[] Payload)
{
    public const byte Sync0 = 0xA5, Sync1 = 0x5A;
    public const int HeaderBytes = 6;
    public const int Overhead = 8;
    /// <summary>The largest payload the format allows (the length is one byte).</summary>
    public const int MaxPayload = 255;
    public const byte ProtocolVersion = 1;

    public byte[] Encode()
    {
        if (Payload.Length > MaxPayload) throw new ArgumentException($"payload of {Payload.Length} bytes exceeds {MaxPayload}");
        var bytes = new byte[Overhead + Payload.Length];
        bytes[0] = Sync0;
        bytes[1] = Sync1;
        bytes[2] = (byte)Type;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(3), Seq);
        bytes[5] = (byte)Payload.Length;
        Payload.CopyTo(bytes, HeaderBytes);
        var crc = Crc16Ccitt.Compute(bytes.AsSpan(2, 4 + Payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(HeaderBytes + Payload.Length), crc);
        return bytes;
    }
}
