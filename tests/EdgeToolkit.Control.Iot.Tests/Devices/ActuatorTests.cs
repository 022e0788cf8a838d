using EdgeToolkit.Control.Iot.Actuators;
using EdgeToolkit.Control.Iot.Simulation;
using Iot.Device.Pwm;
using Iot.Device.ServoMotor;

namespace EdgeToolkit.Control.Iot.Tests.Devices;

/// <summary>Commands through the actuators and the real bindings down to the simulated PCA9685's counts.</summary>
public class ActuatorTests
{
    [Fact]
    public void Pca9685_actuator_maps_each_commands_limits_onto_its_duty_range()
    {
        var chip = new SimulatedPca9685();
        using var actuator = Pca9685Actuator.Open(chip,
        [
            new PwmOutput(3, new DutyMapping(-10, 10)),                 // force: -10 N -> 0, +10 N -> 1
            new PwmOutput(7, new DutyMapping(0, 8, DutyAtLo: 0.1, DutyAtHi: 0.9)), // voltage: 0 kV -> 10 %, 8 kV -> 90 %
        ]);

        actuator.Write([2.5f, 2f]);
        // 2.5 N: (2.5 + 10) / 20 = 0.625 -> 2560 counts. 2 kV: 0.1 + 0.8 * 2/8 = 0.3 -> round(1228.8) = 1229.
        Assert.Equal((0, 2560), (chip.OnCount(3), chip.OffCount(3)));
        Assert.Equal((0, 1229), (chip.OnCount(7), chip.OffCount(7)));

        actuator.Write([-10f, 9f]); // 9 kV is past the limit: clipped to 8 kV, 90 %
        Assert.Equal(0x1000, chip.OffCount(3)); // duty 0: the full-off bit
        Assert.Equal(3686, chip.OffCount(7));   // round(0.9 * 4096)
        actuator.Write([10f, 0f]);
        Assert.Equal(0x1000, chip.OnCount(3));  // duty 1: the full-on bit
        Assert.Equal(1.0, chip.DutyCycle(3));

        Assert.Throws<ArgumentException>(() => actuator.Write([float.NaN, 0f]));
    }

    [Fact]
    public void A_reversed_duty_range_drives_the_other_way()
    {
        var mapping = new DutyMapping(-1, 1, DutyAtLo: 0.8, DutyAtHi: 0.2);
        Assert.Equal(0.8, mapping.Duty(-1), 12);
        Assert.Equal(0.5, mapping.Duty(0), 12);
        Assert.Equal(0.35, mapping.Duty(0.5), 12);
        Assert.Equal(0.5, mapping.Command(0.35), 12);
    }

    [Fact]
    public void Servo_actuator_gives_the_pulse_width_of_the_angle_at_50_hz()
    {
        var chip = new SimulatedPca9685();
        var pwm = new Pca9685(chip, pwmFrequency: 50);
        var servo = new ServoMotor(pwm.CreatePwmChannel(0), maximumAngle: 180, minimumPulseWidthMicroseconds: 1000, maximumPulseWidthMicroseconds: 2000);
        using var actuator = new ServoActuator([new ServoOutput(servo, CommandLo: 0, CommandHi: 1, AngleAtLo: 0, AngleAtHi: 180)]);

        // The binding asks for a duty of pulse * 50 Hz (its channel rounds the frequency to 50):
        // 1000 us -> 0.05 -> round(204.8) = 205 counts, 1250 us -> 0.0625 -> 256, 2000 us -> 0.1 -> round(409.6) = 410.
        foreach (var (command, pulseUs, counts) in new[] { (0f, 1000.0, 205), (0.25f, 1250.0, 256), (1f, 2000.0, 410) })
        {
            actuator.Write([command]);
            Assert.Equal(counts, chip.OffCount(0));
            // On the pin: a count is 1 / (4096 * 50.03 Hz) = 4.88 us; the 50 vs 50.03 Hz gap costs up to 1.1 us more.
            double pulse = chip.DutyCycle(0) / chip.PwmFrequency * 1e6;
            double count = 1e6 / chip.PwmFrequency / 4096;
            Assert.InRange(pulse, pulseUs - count / 2 - 1.2, pulseUs + count / 2);
        }
    }
}
