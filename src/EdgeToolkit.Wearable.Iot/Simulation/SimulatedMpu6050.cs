using System.Numerics;
using EdgeToolkit.Control.Iot.Simulation;

namespace EdgeToolkit.Wearable.Iot.Simulation;

/// <summary>
/// An InvenSense MPU-6050 at register level (register map RM-MPU-6000A rev 4.2): a 128-byte
/// register file behind an auto-incrementing pointer. WHO_AM_I (0x75) reads 0x68; PWR_MGMT_1
/// (0x6B) powers on as 0x40 (SLEEP), writing DEVICE_RESET (bit 7) restores every register and
/// self-clears; ACCEL_CONFIG (0x1C) AFS_SEL[4:3] sets +-2/4/8/16 g (16384/8192/4096/2048 LSB/g);
/// ACCEL_XOUT_H..ACCEL_ZOUT_L (0x3B..0x40) are big-endian two's complement, latched when a read
/// starts at 0x3B so the three axes come from one sample. While SLEEP is set the data registers
/// hold their last value. The gyroscope and temperature read 0 (a wrist at rest, 0 C is not
/// modelled: the feature extractor does not use them). Other registers store what is written,
/// including 0x1D, which the Iot.Device binding writes and reads back (an MPU-6500 register).
/// </summary>
public sealed class SimulatedMpu6050 : SimulatedI2cDevice
{
    public const int DefaultAddress = 0x68;
    public const byte WhoAmI = 0x75, PwrMgmt1 = 0x6B, AccelConfig = 0x1C, AccelXoutH = 0x3B;

    private readonly Func<Vector3> _accelerationG;
    private readonly byte[] _registers = new byte[128];
    private int _pointer;

    /// <param name="accelerationG">The acceleration the chip senses now, in g per axis (gravity included).</param>
    public SimulatedMpu6050(Func<Vector3> accelerationG, int busId = 1, int address = DefaultAddress) : base(busId, address)
    {
        _accelerationG = accelerationG;
        PowerOnReset();
    }

    public long Samples { get; private set; }
    public bool Sleeping => (_registers[PwrMgmt1] & 0x40) != 0;
    /// <summary>AFS_SEL: 0..3 for +-2, 4, 8, 16 g.</summary>
    public int FullScaleSelect => (_registers[AccelConfig] >> 3) & 0x3;

    /// <summary>The output code of an acceleration: round(g * 16384 / 2^AFS_SEL), saturated to 16 bits.</summary>
    public static short Code(double g, int fullScaleSelect)
    {
        double lsbPerG = 16384.0 / (1 << fullScaleSelect);
        return (short)Math.Clamp(Math.Round(g * lsbPerG, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
    }

    protected override void OnWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _pointer = bytes[0] & 0x7F;
        for (int i = 1; i < bytes.Length; i++) WriteRegister(_pointer++ & 0x7F, bytes[i]);
    }

    protected override void OnRead(Span<byte> bytes)
    {
        if (_pointer == AccelXoutH && !Sleeping) Latch();
        for (int i = 0; i < bytes.Length; i++) bytes[i] = _registers[_pointer++ & 0x7F];
    }

    private void WriteRegister(int register, byte value)
    {
        if (register == WhoAmI) return; // read-only
        if (register == PwrMgmt1 && (value & 0x80) != 0) { PowerOnReset(); return; }
        _registers[register] = value;
    }

    private void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[WhoAmI] = 0x68;
        _registers[PwrMgmt1] = 0x40;
    }

    private void Latch()
    {
        var a = _accelerationG();
        int fs = FullScaleSelect;
        Put(AccelXoutH, Code(a.X, fs));
        Put(AccelXoutH + 2, Code(a.Y, fs));
        Put(AccelXoutH + 4, Code(a.Z, fs));
        Samples++;
    }

    private void Put(int register, short value)
    {
        _registers[register] = (byte)(value >> 8);
        _registers[register + 1] = (byte)value;
    }
}
