using System.Device.I2c;

namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>Passes every transfer to the real device and counts it: the bus cost of a sensed day, on a board as in simulation.</summary>
public sealed class CountingI2cDevice(I2cDevice inner) : I2cDevice
{
    public long Transfers { get; private set; }
    public override I2cConnectionSettings ConnectionSettings => inner.ConnectionSettings;
    public override byte ReadByte() { Transfers++; return inner.ReadByte(); }
    public override void Read(Span<byte> buffer) { Transfers++; inner.Read(buffer); }
    public override void WriteByte(byte value) { Transfers++; inner.WriteByte(value); }
    public override void Write(ReadOnlySpan<byte> buffer) { Transfers++; inner.Write(buffer); }
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) { Transfers++; inner.WriteRead(writeBuffer, readBuffer); }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
