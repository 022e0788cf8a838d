using System.Numerics;
using EdgeToolkit.Wearable.Iot.Mpu6050Motion;
using EdgeToolkit.Wearable.Iot.Simulation;
using Iot.Device.Imu;

namespace EdgeToolkit.Wearable.Iot.Tests.Chips;

/// <summary>The simulated MPU-6050 against the register map (RM-MPU-6000A), raw and through the real Iot.Device.Imu.Mpu6050 binding.</summary>
public class SimulatedMpu6050Tests
{
    private Vector3 _programmed = new(0.5f, -0.25f, 1.0f);

    private SimulatedMpu6050 Chip() => new(() => _programmed);

    private static byte[] ReadRegisters(SimulatedMpu6050 chip, byte first, int count)
    {
        var bytes = new byte[count];
        chip.WriteRead([first], bytes);
        return bytes;
    }

    [Fact]
    public void Power_on_identifies_as_0x68_and_sleeps()
    {
        var chip = Chip();
        Assert.Equal(0x68, ReadRegisters(chip, 0x75, 1)[0]);
        Assert.Equal(0x40, ReadRegisters(chip, 0x6B, 1)[0]);
        Assert.Equal(new byte[6], ReadRegisters(chip, 0x3B, 6)); // asleep: the data registers hold their reset value
    }

    [Fact]
    public void Burst_read_gives_big_endian_codes_of_the_full_scale_setting()
    {
        var chip = Chip();
        chip.Write([0x6B, 0x01]);            // wake, PLL clock
        chip.Write([0x1C, 0b01 << 3]);       // AFS_SEL = 1: +-4 g, 8192 LSB/g
        // 0.5 g -> 4096 = 0x1000, -0.25 g -> -2048 = 0xF800, 1 g -> 8192 = 0x2000.
        Assert.Equal(new byte[] { 0x10, 0x00, 0xF8, 0x00, 0x20, 0x00 }, ReadRegisters(chip, 0x3B, 6));
        chip.Write([0x1C, 0b00 << 3]);       // +-2 g, 16384 LSB/g: 1 g -> 0x4000
        Assert.Equal(new byte[] { 0x20, 0x00, 0xF0, 0x00, 0x40, 0x00 }, ReadRegisters(chip, 0x3B, 6));
        _programmed = new Vector3(3f, -3f, 0f); // beyond +-2 g: saturates at 0x7FFF / 0x8000
        Assert.Equal(new byte[] { 0x7F, 0xFF, 0x80, 0x00, 0x00, 0x00 }, ReadRegisters(chip, 0x3B, 6));
    }

    [Fact]
    public void Device_reset_restores_the_power_on_registers()
    {
        var chip = Chip();
        chip.Write([0x6B, 0x01]);
        chip.Write([0x1C, 0x18]);
        chip.Write([0x6B, 0x80]);
        Assert.Equal(0x40, ReadRegisters(chip, 0x6B, 1)[0]);
        Assert.Equal(0x00, ReadRegisters(chip, 0x1C, 1)[0]);
    }

    [Fact]
    public void The_binding_wakes_the_chip_and_reads_the_programmed_acceleration_in_m_per_s2()
    {
        var chip = Chip();
        using var imu = new Mpu6050(chip);
        Assert.False(chip.Sleeping);
        Assert.Equal(AccelerometerRange.Range02G, imu.AccelerometerRange);
        var a = imu.GetAccelerometer();
        // +-2 g: codes 8192, -4096, 16384; the binding scales by 2 * 9.807 / 32768 m/s^2 per code.
        Assert.Equal(8192 * 2 * 9.807f / 32768, a.X, 4);
        Assert.Equal(-4096 * 2 * 9.807f / 32768, a.Y, 4);
        Assert.Equal(16384 * 2 * 9.807f / 32768, a.Z, 4);
    }

    [Fact]
    public void WristMotion_reads_g_at_4g_full_scale_to_one_code()
    {
        var chip = Chip();
        using var motion = new WristMotion(chip);
        Assert.Equal(1, chip.FullScaleSelect);
        _programmed = new Vector3(0.1234f, -1.5f, 2.75f);
        var g = motion.ReadG();
        const float code = 1f / 8192;
        Assert.InRange(Math.Abs(g.X - 0.1234f), 0, code / 2 + 1e-6f);
        Assert.InRange(Math.Abs(g.Y + 1.5f), 0, 1e-6f);
        Assert.InRange(Math.Abs(g.Z - 2.75f), 0, 1e-6f);
        Assert.Equal(1, chip.Samples);
    }
}
