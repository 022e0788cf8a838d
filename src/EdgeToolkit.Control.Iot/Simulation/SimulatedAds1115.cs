namespace EdgeToolkit.Control.Iot.Simulation;

/// <summary>
/// A TI ADS1115 (16-bit delta-sigma ADC, datasheet SBAS444) at register level. Four registers
/// behind a pointer register (bits 1:0: 0 conversion, 1 config, 2 Lo_thresh, 3 Hi_thresh), all
/// 16 bits big-endian. Config: OS[15] MUX[14:12] PGA[11:9] MODE[8] DR[7:5] COMP_MODE[4]
/// COMP_POL[3] COMP_LAT[2] COMP_QUE[1:0], power-on value 0x8583.
/// Single-shot (MODE=1): writing OS=1 starts one conversion; OS reads 0 while it runs and 1 when
/// the result is in the conversion register. Continuous (MODE=0): every conversion-register
/// read returns a fresh conversion and OS reads 0 (always converting). The pin voltages come
/// from a callback (volts on AIN0..AIN3 against GND). The comparator and ALERT/RDY pin are not
/// modelled (their registers read back what was written).
/// </summary>
public sealed class SimulatedAds1115 : SimulatedI2cDevice
{
    public const int DefaultAddress = 0x48;
    public const ushort PowerOnConfig = 0x8583;

    private readonly Func<int, double> _pinVolts;
    private readonly ushort[] _registers = [0x0000, PowerOnConfig, 0x8000, 0x7FFF];
    private int _pointer;
    private int _busyPolls;
    private InputSample _pending;

    /// <param name="pinVolts">Voltage of AINn (n = 0..3) against GND, sampled when a conversion starts.</param>
    /// <param name="pollsPerConversion">Config reads that see OS=0 after a single-shot start: the binding's wait loop runs this many times.</param>
    public SimulatedAds1115(Func<int, double> pinVolts, int busId = 1, int address = DefaultAddress, int pollsPerConversion = 1)
        : base(busId, address)
    {
        _pinVolts = pinVolts;
        PollsPerConversion = pollsPerConversion;
    }

    public int PollsPerConversion { get; }
    public ushort Config => _registers[1];
    public short Conversion => (short)_registers[0];
    public long Conversions { get; private set; }

    /// <summary>Full-scale voltage of a PGA setting (config bits 11:9), per the datasheet's table.</summary>
    public static double FullScaleVolts(int pga) => pga switch
    {
        0 => 6.144, 1 => 4.096, 2 => 2.048, 3 => 1.024, 4 => 0.512, _ => 0.256,
    };

    /// <summary>
    /// The output code of a differential voltage: LSB = FS / 2^15, rounded to the nearest code,
    /// clipped to 0x8000 .. 0x7FFF (the datasheet's ideal transfer function).
    /// </summary>
    public static short Code(double volts, int pga)
    {
        double lsb = FullScaleVolts(pga) / 32768.0;
        double code = Math.Round(volts / lsb, MidpointRounding.AwayFromZero);
        return (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }

    protected override void OnWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        // Bits 7:2 of the pointer byte must be 0 (datasheet); only bits 1:0 select a register.
        _pointer = bytes[0] & 0x03;
        if (bytes.Length == 1) return;
        if (bytes.Length != 3) throw new ArgumentException($"ADS1115 registers are 16 bits: a write is pointer + 2 bytes, got {bytes.Length} bytes");
        ushort value = (ushort)(bytes[1] << 8 | bytes[2]);
        if (_pointer == 0) return; // the conversion register is read-only
        if (_pointer == 1) WriteConfig(value);
        else _registers[_pointer] = value;
    }

    protected override void OnRead(Span<byte> bytes)
    {
        if (bytes.Length == 0) return;
        if (bytes.Length != 2) throw new ArgumentException($"ADS1115 registers are 16 bits: a read is 2 bytes, got {bytes.Length}");
        ushort value = _pointer switch
        {
            0 => ReadConversion(),
            1 => ReadConfig(),
            _ => _registers[_pointer],
        };
        bytes[0] = (byte)(value >> 8);
        bytes[1] = (byte)value;
    }

    private bool Continuous => (_registers[1] & 0x0100) == 0;

    private void WriteConfig(ushort value)
    {
        bool startSingleShot = (value & 0x8000) != 0 && (value & 0x0100) != 0;
        // OS is a command bit, not stored: the register's OS reflects the converter's state.
        _registers[1] = (ushort)(value & 0x7FFF);
        if (startSingleShot)
        {
            _pending = Sample();
            _busyPolls = PollsPerConversion;
            if (_busyPolls == 0) Complete();
        }
    }

    private ushort ReadConfig()
    {
        if (Continuous) return _registers[1];
        if (_busyPolls > 0)
        {
            // This read still sees the conversion running; the result lands before the next one.
            if (--_busyPolls == 0) Complete();
            return _registers[1];
        }
        return (ushort)(_registers[1] | 0x8000);
    }

    private ushort ReadConversion()
    {
        if (Continuous) { _pending = Sample(); Complete(); }
        return _registers[0];
    }

    private void Complete()
    {
        _registers[0] = (ushort)Code(_pending.Volts, _pending.Pga);
        Conversions++;
    }

    private InputSample Sample()
    {
        int mux = (_registers[1] >> 12) & 0x7;
        int pga = (_registers[1] >> 9) & 0x7;
        // MUX 000..011 are differential pairs, 100..111 single-ended AINn against GND.
        double volts = mux switch
        {
            0 => _pinVolts(0) - _pinVolts(1),
            1 => _pinVolts(0) - _pinVolts(3),
            2 => _pinVolts(1) - _pinVolts(3),
            3 => _pinVolts(2) - _pinVolts(3),
            _ => _pinVolts(mux - 4),
        };
        return new InputSample(volts, pga);
    }

    private readonly record struct InputSample(double Volts, int Pga);
}
