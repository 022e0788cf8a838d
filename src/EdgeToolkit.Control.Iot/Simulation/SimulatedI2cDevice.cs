using System.Device.I2c;

namespace EdgeToolkit.Control.Iot.Simulation;

/// <summary>
/// The bus side shared by the simulated chips: every transfer goes through one place, so a test
/// can make the next transfers fail the way Linux's i2c-dev does (an IOException, as the real
/// UnixI2cDevice throws for a NAK or a glitch on the bus).
/// </summary>
public abstract class SimulatedI2cDevice : I2cDevice
{
    private int _failuresPending;

    protected SimulatedI2cDevice(int busId, int address) { ConnectionSettings = new I2cConnectionSettings(busId, address); }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Transfers so far (each Read, Write, WriteRead, ReadByte, WriteByte is one), failed ones included.</summary>
    public long Transfers { get; private set; }

    /// <summary>The next <paramref name="count"/> transfers throw IOException and leave the chip untouched.</summary>
    public void FailNextTransfers(int count) => _failuresPending = count;

    public sealed override void Read(Span<byte> buffer) { BeginTransfer(); OnRead(buffer); }
    public sealed override void Write(ReadOnlySpan<byte> buffer) { BeginTransfer(); OnWrite(buffer); }

    public sealed override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        BeginTransfer();
        OnWrite(writeBuffer);
        OnRead(readBuffer);
    }

    public sealed override byte ReadByte() { Span<byte> b = stackalloc byte[1]; Read(b); return b[0]; }
    public sealed override void WriteByte(byte value) => Write([value]);

    /// <summary>A write transaction: the first byte is the register pointer, the rest data.</summary>
    protected abstract void OnWrite(ReadOnlySpan<byte> bytes);
    /// <summary>A read transaction from the current register pointer.</summary>
    protected abstract void OnRead(Span<byte> bytes);

    private void BeginTransfer()
    {
        Transfers++;
        if (_failuresPending <= 0) return;
        _failuresPending--;
        throw new IOException($"Error 121 performing I2C data transfer (simulated failure on bus {ConnectionSettings.BusId}, address 0x{ConnectionSettings.DeviceAddress:X2}).");
    }
}
