using System.Buffers.Binary;
using System.Security.Cryptography;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Firmware.Building;

/// <summary>
/// A short fingerprint of controller settings: the first 4 bytes (little-endian) of the SHA-256 of
/// their canonical bytes, every field of etk_nr_settings in struct order (ints as int32, floats
/// as their float32 bits, arrays at their used length). The firmware reports it in HELLO and the
/// manifest records it, so the host can tell which settings a board runs. Formatting of a
/// controller.json does not change it; any changed value does.
/// </summary>
public static class SettingsHash
{
    public static uint Of(ControllerSettings s)
    {
        var bytes = new List<byte>();
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        void Float(float v) { var b = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, v); bytes.AddRange(b); }
        void Floats(float[] a) { Int(a.Length); foreach (var v in a) Float(v); }
        Int(s.P); Int(s.M); Int(s.Delay); Int(s.InputLags); Int(s.OutputLags);
        Int(s.Horizon); Int(s.MaxIterations);
        Float(s.Period); Float(s.Tolerance); Float(s.Barrier); Float(s.DisturbanceGain);
        Floats(s.Lo); Floats(s.Hi); Floats(s.Rate); Floats(s.UInitial); Floats(s.Lambda);
        Floats(s.Q); Floats(s.YScale); Floats(s.YValidLo); Floats(s.YValidHi);
        Int(s.SensorHoldMax); Int(s.MismatchSteps); Float(s.MismatchThreshold); Int((int)s.Fallback);
        Int(s.PidLoops); foreach (var o in s.PidOutput) Int(o);
        Floats(s.Kp); Floats(s.Ki); Floats(s.Kd); Floats(s.Tf); Floats(s.U0); Floats(s.Mix);
        return BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(bytes.ToArray()));
    }

    public static string Hex(uint hash) => hash.ToString("x8");
}
