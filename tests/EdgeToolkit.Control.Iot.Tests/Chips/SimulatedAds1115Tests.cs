using EdgeToolkit.Control.Iot.Simulation;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Tests.Chips;

/// <summary>The simulated ADS1115 against the TI datasheet (SBAS444), raw and through the real Iot.Device.Ads1115 binding.</summary>
public class SimulatedAds1115Tests
{
    private readonly double[] _pins = new double[4];

    private SimulatedAds1115 Chip(int polls = 1) => new(pin => _pins[pin], pollsPerConversion: polls);

    private static ushort ReadRegister(SimulatedAds1115 chip, byte pointer)
    {
        Span<byte> value = stackalloc byte[2];
        chip.WriteRead([pointer], value);
        return (ushort)(value[0] << 8 | value[1]);
    }

    [Fact]
    public void Power_on_registers_are_the_datasheet_defaults()
    {
        var chip = Chip();
        Assert.Equal(0x8583, ReadRegister(chip, 0x01)); // OS idle, AIN0-AIN1, +-2.048 V, single-shot, 128 SPS, comparator off
        Assert.Equal(0x0000, ReadRegister(chip, 0x00));
        Assert.Equal(0x8000, ReadRegister(chip, 0x02));
        Assert.Equal(0x7FFF, ReadRegister(chip, 0x03));
    }

    [Fact]
    public void The_binding_writes_the_config_bits_of_the_datasheet()
    {
        var chip = Chip();
        using var adc = new Ads1115(chip, InputMultiplexer.AIN2, MeasuringRange.FS2048, DataRate.SPS860, DeviceMode.PowerDown);
        adc.ReadRaw();
        // OS=1 (idle after the conversion), MUX=110 (AIN2-GND), PGA=010, MODE=1 | DR=111, COMP_QUE=11.
        ushort expected = 0x8000 | 0b110 << 12 | 0b010 << 9 | 1 << 8 | 0b111 << 5 | 0b11;
        Assert.Equal(0xE5E3, expected);
        Assert.Equal(expected, ReadRegister(chip, 0x01));
    }

    [Fact]
    public void Full_scale_at_pga_4v096_is_0x7FFF_and_below_minus_full_scale_is_0x8000()
    {
        var chip = Chip();
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        _pins[0] = 4.096 * 32767 / 32768; // the datasheet's +FS (2^15 - 1) / 2^15
        Assert.Equal(0x7FFF, (ushort)adc.ReadRaw(InputMultiplexer.AIN0));
        _pins[0] = 5.0; // beyond full scale: clipped
        Assert.Equal(0x7FFF, (ushort)adc.ReadRaw(InputMultiplexer.AIN0));
        _pins[0] = 4.096 / 32768; // +FS / 2^15: one LSB
        Assert.Equal(0x0001, (ushort)adc.ReadRaw(InputMultiplexer.AIN0));
        (_pins[0], _pins[1]) = (0.0, 4.5); // AIN0 - AIN1 = -4.5 V
        Assert.Equal(0x8000, (ushort)adc.ReadRaw(InputMultiplexer.AIN0_AIN1));
        (_pins[0], _pins[1]) = (0.0, 4.096 / 32768); // -1 LSB: two's complement 0xFFFF
        Assert.Equal(0xFFFF, (ushort)adc.ReadRaw(InputMultiplexer.AIN0_AIN1));
    }

    [Fact]
    public void The_binding_reads_a_known_voltage_to_within_half_an_lsb()
    {
        var chip = Chip(polls: 3);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN1, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        _pins[1] = 2.71828;
        // 2.71828 V / 125 uV = 21746.24 -> code 21746 -> 2.71825 V.
        Assert.Equal(21746, adc.ReadRaw(InputMultiplexer.AIN1));
        Assert.Equal(2.71825, adc.ReadVoltage(InputMultiplexer.AIN1).Volts, 12);
        Assert.InRange(Math.Abs(adc.ReadVoltage(InputMultiplexer.AIN1).Volts - _pins[1]), 0, 0.5 * 4.096 / 32768);
    }

    [Fact]
    public void Each_multiplexer_setting_converts_its_own_pins()
    {
        var chip = Chip();
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        (_pins[0], _pins[1], _pins[2], _pins[3]) = (0.5, 1.0, 1.5, 2.0);
        Assert.Equal(1.5, adc.ReadVoltage(InputMultiplexer.AIN2).Volts, 1e-12);
        Assert.Equal(0.5, adc.ReadVoltage(InputMultiplexer.AIN0).Volts, 1e-12);
        Assert.Equal(2.0, adc.ReadVoltage(InputMultiplexer.AIN3).Volts, 1e-12);
        Assert.Equal(-0.5, adc.ReadVoltage(InputMultiplexer.AIN0_AIN1).Volts, 1e-12);
        Assert.Equal(-1.5, adc.ReadVoltage(InputMultiplexer.AIN0_AIN3).Volts, 1e-12);
        Assert.Equal(-1.0, adc.ReadVoltage(InputMultiplexer.AIN1_AIN3).Volts, 1e-12);
        Assert.Equal(-0.5, adc.ReadVoltage(InputMultiplexer.AIN2_AIN3).Volts, 1e-12);
    }

    [Fact]
    public void Single_shot_readings_are_fresh_conversions_and_the_binding_waits_for_them()
    {
        var chip = Chip(polls: 4);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        long before = chip.Conversions;
        for (int i = 1; i <= 5; i++)
        {
            _pins[0] = 0.4 * i;
            Assert.Equal(0.4 * i, adc.ReadVoltage().Volts, 1e-12);
        }
        Assert.Equal(5, chip.Conversions - before);
    }

    [Fact]
    public void Continuous_mode_follows_the_input()
    {
        var chip = Chip();
        using var adc = new Ads1115(chip, InputMultiplexer.AIN3, MeasuringRange.FS6144, DataRate.SPS475, DeviceMode.Continuous);
        Assert.Equal(0, ReadRegister(chip, 0x01) & 0x0100); // MODE=0
        _pins[3] = 3.3;
        Assert.Equal(SimulatedAds1115.Code(3.3, 0), adc.ReadRaw());
        _pins[3] = 1.1;
        Assert.Equal(1.1, adc.ReadVoltage().Volts, 6.144 / 32768);
    }

    [Fact]
    public void An_injected_bus_failure_throws_ioexception_and_the_next_reading_works()
    {
        var chip = Chip();
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        (_pins[0], _pins[1]) = (1.0, 2.0);
        Assert.Equal(1.0, adc.ReadVoltage(InputMultiplexer.AIN0).Volts, 1e-12);
        chip.FailNextTransfers(1);
        // The binding already thinks AIN1 is selected when the config write fails; single-shot
        // mode sends the config again on the next reading, so it still converts AIN1.
        Assert.Throws<IOException>(() => adc.ReadVoltage(InputMultiplexer.AIN1));
        Assert.Equal(2.0, adc.ReadVoltage(InputMultiplexer.AIN1).Volts, 1e-12);
    }
}
