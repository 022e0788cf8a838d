namespace EdgeToolkit.Control.Iot.Simulation;

/// <summary>
/// An NXP PCA9685 (16-channel 12-bit PWM controller, datasheet Rev. 4) at register level:
/// MODE1 0x00 (power-on 0x11: SLEEP, ALLCALL), MODE2 0x01 (0x04: OUTDRV), SUBADR1..3, ALLCALLADR,
/// LEDn_ON_L/H, LEDn_OFF_L/H at 0x06 + 4n (power-on: full OFF, bit 4 of OFF_H), ALL_LED_ON/OFF
/// 0xFA..0xFD (write to every channel, read back zero), PRE_SCALE 0xFE (power-on 0x1E; writable
/// only while SLEEP is set, never below 3). With MODE1.AI the register pointer advances after
/// every byte (0x45 wraps to 0x00); without it, it stays. The output of a channel goes high at
/// the ON count and low at the OFF count of a 4096-count period; bit 12 of ON_H (full on) and of
/// OFF_H (full off, which wins) override the counts. Not modelled: RESTART, EXTCLK's clock, OE pin.
/// </summary>
public sealed class SimulatedPca9685 : SimulatedI2cDevice
{
    public const int DefaultAddress = 0x40;
    public const double OscillatorHz = 25_000_000;
    public const int Mode1 = 0x00, Mode2 = 0x01, Led0OnL = 0x06, AllLedOnL = 0xFA, PreScale = 0xFE;
    private const int LastLedRegister = 0x45, Sleep = 0x10, AutoIncrement = 0x20, Invert = 0x10, FullOnOff = 0x1000;

    private readonly byte[] _registers = new byte[256];
    private int _pointer;

    public SimulatedPca9685(int busId = 1, int address = DefaultAddress) : base(busId, address)
    {
        _registers[Mode1] = 0x11;
        _registers[Mode2] = 0x04;
        _registers[0x02] = 0xE2; _registers[0x03] = 0xE4; _registers[0x04] = 0xE8; _registers[0x05] = 0xE0;
        for (int ch = 0; ch < 16; ch++) _registers[Led0OnL + 4 * ch + 3] = 0x10;
        _registers[PreScale] = 0x1E;
    }

    public bool Sleeping => (_registers[Mode1] & Sleep) != 0;
    public int Prescale => _registers[PreScale];
    /// <summary>PWM frequency from the internal 25 MHz oscillator: osc / (4096 (PRE_SCALE + 1)).</summary>
    public double PwmFrequency => OscillatorHz / (4096.0 * (Prescale + 1));

    /// <summary>LEDn_ON as a 13-bit value (bit 12: full on).</summary>
    public int OnCount(int channel) => Word(Led0OnL + 4 * channel);
    /// <summary>LEDn_OFF as a 13-bit value (bit 12: full off).</summary>
    public int OffCount(int channel) => Word(Led0OnL + 4 * channel + 2);

    /// <summary>Fraction of each PWM period the output is high (0 while asleep: the oscillator is off).</summary>
    public double DutyCycle(int channel)
    {
        if (Sleeping) return 0;
        int on = OnCount(channel), off = OffCount(channel);
        double duty = (off & FullOnOff) != 0 ? 0
            : (on & FullOnOff) != 0 ? 1
            : ((off - on) & 0xFFF) / 4096.0;
        return (_registers[Mode2] & Invert) != 0 ? 1 - duty : duty;
    }

    protected override void OnWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _pointer = bytes[0];
        foreach (byte b in bytes[1..])
        {
            Store(_pointer, b);
            Advance();
        }
    }

    protected override void OnRead(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = IsAllLed(_pointer) || IsReserved(_pointer) ? (byte)0 : _registers[_pointer];
            Advance();
        }
    }

    private void Store(int address, byte value)
    {
        if (IsReserved(address) || address == 0xFF) return;
        if (address == PreScale)
        {
            if (Sleeping) _registers[PreScale] = Math.Max(value, (byte)3);
            return;
        }
        if (IsAllLed(address))
        {
            for (int ch = 0; ch < 16; ch++) StoreLed(Led0OnL + 4 * ch + (address - AllLedOnL), value);
            return;
        }
        if (address == Mode1) { _registers[Mode1] = (byte)(value & 0x7F); return; } // writing RESTART=1 clears it
        if (address == Mode2) { _registers[Mode2] = (byte)(value & 0x1F); return; }
        if (address >= Led0OnL) { StoreLed(address, value); return; }
        _registers[address] = value;
    }

    // Bits 7:5 of the _H registers are reserved and read back 0.
    private void StoreLed(int address, byte value) => _registers[address] = (address - Led0OnL) % 2 == 1 ? (byte)(value & 0x1F) : value;

    private void Advance()
    {
        if ((_registers[Mode1] & AutoIncrement) == 0) return;
        _pointer = _pointer == LastLedRegister ? 0 : (_pointer + 1) & 0xFF;
    }

    private int Word(int lowAddress) => _registers[lowAddress] | _registers[lowAddress + 1] << 8;
    private static bool IsAllLed(int address) => address is >= AllLedOnL and <= 0xFD;
    private static bool IsReserved(int address) => address is > LastLedRegister and < AllLedOnL;
}
