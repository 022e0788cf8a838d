using EdgeToolkit.Control.Iot.Simulation;
using EdgeToolkit.Control.Iot.Tests.Support;
using Iot.Device.Pwm;

namespace EdgeToolkit.Control.Iot.Tests.Chips;

/// <summary>The simulated PCA9685 against the NXP datasheet, raw and through the real Iot.Device.Pwm.Pca9685 binding.</summary>
public class SimulatedPca9685Tests
{
    private static int LedOnL(int channel) => 0x06 + 4 * channel;

    [Fact]
    public void Power_on_registers_are_the_datasheet_defaults()
    {
        var chip = new SimulatedPca9685();
        Assert.Equal(0x11, chip.ReadRegister(0x00));
        Assert.Equal(0x04, chip.ReadRegister(0x01));
        Assert.Equal(0x1E, chip.ReadRegister(0xFE)); // 200 Hz
        for (int ch = 0; ch < 16; ch++)
        {
            Assert.Equal(0x10, chip.ReadRegister(LedOnL(ch) + 3)); // full off
            Assert.Equal(0.0, chip.DutyCycle(ch));
        }
    }

    [Fact]
    public void Fifty_hertz_gives_prescale_121_by_the_datasheet_formula()
    {
        var chip = new SimulatedPca9685();
        using var pwm = new Pca9685(chip, pwmFrequency: 50);
        // prescale = round(25 MHz / (4096 * 50 Hz)) - 1 = round(122.07) - 1
        Assert.Equal((int)Math.Round(25e6 / (4096 * 50.0)) - 1, chip.Prescale);
        Assert.Equal(121, chip.Prescale);
        Assert.Equal(25e6 / 4096 / 122, chip.PwmFrequency, 1e-9);
        Assert.Equal(chip.PwmFrequency, pwm.PwmFrequency, 1e-9);
        Assert.False(chip.Sleeping);
        Assert.Equal(0x21, chip.ReadRegister(0x00)); // AI | ALLCALL, SLEEP cleared after the prescale
    }

    [Fact]
    public void Prescale_is_only_writable_while_asleep_and_never_below_3()
    {
        var chip = new SimulatedPca9685();
        chip.Write([0xFE, 0x01]);
        Assert.Equal(3, chip.Prescale); // asleep at power-on: written, but clamped to the minimum
        chip.Write([0x00, 0x01]); // wake up (SLEEP = 0)
        chip.Write([0xFE, 0x79]);
        Assert.Equal(3, chip.Prescale);
    }

    [Fact]
    public void A_duty_cycle_becomes_the_on_and_off_counts_of_the_datasheet()
    {
        var chip = new SimulatedPca9685();
        using var pwm = new Pca9685(chip, pwmFrequency: 1000);
        pwm.SetDutyCycle(5, 0.3);
        // 0.3 * 4096 = 1228.8 -> OFF = 1229 = 0x04CD, ON = 0: LED5_OFF_L at 0x06 + 4*5 + 2 = 0x1C.
        Assert.Equal(0x1C, LedOnL(5) + 2);
        Assert.Equal(0xCD, chip.ReadRegister(0x1C));
        Assert.Equal(0x04, chip.ReadRegister(0x1D));
        Assert.Equal(0, chip.OnCount(5));
        Assert.Equal(1229, chip.OffCount(5));
        Assert.Equal(1229 / 4096.0, chip.DutyCycle(5));
        Assert.Equal(1229 / 4096.0, pwm.GetDutyCycle(5));

        pwm.SetDutyCycle(6, 1.0);
        Assert.Equal(0x1000, chip.OnCount(6)); // full on
        Assert.Equal(1.0, chip.DutyCycle(6));
        pwm.SetDutyCycle(6, 0.0);
        Assert.Equal(0x1000, chip.OffCount(6)); // full off
        Assert.Equal(0.0, chip.DutyCycle(6));
    }

    [Fact]
    public void Counts_with_a_phase_offset_wrap_around_the_period()
    {
        var chip = new SimulatedPca9685();
        chip.Write([0x00, 0x20]); // awake, auto-increment
        // LED0: on at 1000, off at 3048: high 2048 counts. LED1: on at 3000, off at 1000: 4096 - 2000 = 2096.
        chip.Write([(byte)LedOnL(0), 0xE8, 0x03, 0xE8, 0x0B, 0xB8, 0x0B, 0xE8, 0x03]);
        Assert.Equal(2048 / 4096.0, chip.DutyCycle(0));
        Assert.Equal(2096 / 4096.0, chip.DutyCycle(1));
        chip.Write([0x01, 0x14]); // MODE2.INVRT
        Assert.Equal(1 - 2048 / 4096.0, chip.DutyCycle(0));
        chip.Write([0x00, 0x30]); // asleep: oscillator off, no output
        Assert.Equal(0.0, chip.DutyCycle(1));
    }

    [Fact]
    public void Without_auto_increment_the_pointer_stays_on_its_register()
    {
        var chip = new SimulatedPca9685();
        chip.Write([0x00, 0x00]); // awake, AI off
        chip.Write([(byte)(LedOnL(2) + 2), 0x11, 0x22, 0x33]);
        Assert.Equal(0x33, chip.ReadRegister(LedOnL(2) + 2));
        Assert.Equal(0x10, chip.ReadRegister(LedOnL(2) + 3)); // untouched: still full off
    }

    [Fact]
    public void All_led_registers_write_every_channel_and_read_back_zero()
    {
        var chip = new SimulatedPca9685();
        using var pwm = new Pca9685(chip, pwmFrequency: 200, dutyCycleAllChannels: 0.5);
        for (int ch = 0; ch < 16; ch++) Assert.Equal(2048, chip.OffCount(ch));
        Assert.Equal(0, chip.ReadRegister(0xFC));
        Assert.Equal(0, chip.ReadRegister(0xFD));
    }
}
