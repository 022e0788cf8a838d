using EdgeToolkit.Control.Iot.Simulation;

namespace EdgeToolkit.Control.Iot.Tests.Support;

/// <summary>Raw register reads over the simulated bus, the way a logic analyser would see them.</summary>
public static class RegisterAccess
{
    public static byte ReadRegister(this SimulatedPca9685 chip, int address)
    {
        chip.WriteByte((byte)address);
        return chip.ReadByte();
    }
}
