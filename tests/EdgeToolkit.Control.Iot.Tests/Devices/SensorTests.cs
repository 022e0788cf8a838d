using EdgeToolkit.Control.Iot.Sensors;
using EdgeToolkit.Control.Iot.Simulation;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Tests.Devices;

/// <summary>Readings through the sensor and the real Ads1115 binding from the simulated chip's pins.</summary>
public class SensorTests
{
    [Fact]
    public void Two_point_calibration_recovers_the_line()
    {
        // A potentiometer reading 0.5 V at -0.3 m and 2.9 V at +0.5 m: 3 V/m, 1.4 V at 0.
        var cal = LinearCalibration.FromTwoPoints(0.5, -0.3, 2.9, 0.5);
        Assert.Equal(3.0, cal.VoltsPerUnit, 12);
        Assert.Equal(1.4, cal.VoltsAtZero, 12);
        Assert.Equal(0.1, cal.ToValue(1.7), 12);
        Assert.Equal(1.7, cal.ToVolts(0.1), 12);
        Assert.Throws<ArgumentException>(() => LinearCalibration.FromTwoPoints(1, 0.2, 2, 0.2));
    }

    [Fact]
    public void Each_channel_reads_its_input_in_the_models_units_within_half_a_code()
    {
        var pins = new double[4];
        var chip = new SimulatedAds1115(p => pins[p]);
        var position = new AnalogChannel(InputMultiplexer.AIN2, LinearCalibration.FromTwoPoints(0.1, -1, 3.2, 1));
        var velocity = new AnalogChannel(InputMultiplexer.AIN0, LinearCalibration.FromTwoPoints(0.1, -3, 3.2, 3));
        using var sensor = Ads1115PositionSensor.Open(chip, [position, velocity]);
        pins[2] = position.Calibration.ToVolts(0.1234);
        pins[0] = velocity.Calibration.ToVolts(-1.5);

        var y = new float[2];
        sensor.Read(y);

        // At +-4.096 V one code is 125 uV: 125e-6 / 1.55 V/m = 80.6 um of position, 125e-6 / 0.5167 = 242 um/s of velocity.
        Assert.Equal(125e-6 / 1.55, sensor.Resolution(0), 12);
        Assert.Equal(125e-6 / (3.1 / 6), sensor.Resolution(1), 12);
        Assert.InRange(y[0], 0.1234 - sensor.Resolution(0) / 2, 0.1234 + sensor.Resolution(0) / 2);
        Assert.InRange(y[1], -1.5 - sensor.Resolution(1) / 2, -1.5 + sensor.Resolution(1) / 2);
    }
}
