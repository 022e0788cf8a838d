using System.Device.I2c;
using EdgeToolkit.Control.Iot.Actuators;
using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Iot.Sensors;
using EdgeToolkit.Control.Iot.Wiring;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Iot.Cli;

/// <summary>
/// The real chips on the board's I2C bus. Opening fails with a message that names the bus and
/// the address and says what to check: no bus (I2C disabled, not a board), no permission, or no
/// chip answering at the address.
/// </summary>
public sealed class BoardConnection : IDisposable
{
    private BoardConnection(Ads1115PositionSensor sensor, Pca9685Actuator actuator) { Sensor = sensor; Actuator = actuator; }

    public Ads1115PositionSensor Sensor { get; }
    public Pca9685Actuator Actuator { get; }

    public static BoardConnection Open(IotOptions options, IoWiring wiring)
    {
        string bus = $"/dev/i2c-{options.Bus}";
        if (!File.Exists(bus))
            throw new EdgeToolkitException(ErrorKind.ToolMissing, $"I2C bus {options.Bus} is not available: {bus} does not exist",
                hint: "run on the board with I2C enabled (Raspberry Pi: `sudo raspi-config nonint do_i2c 0`, or dtparam=i2c_arm=on in config.txt, then reboot; " +
                      "`ls /dev/i2c-*` lists the buses, --i2c-bus picks one); without a board, add --simulate");
        var sensor = OpenChip(options, options.AdcAddress, "ADS1115", "ADDR to GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B",
            device => Ads1115PositionSensor.Open(device, wiring.Outputs));
        try
        {
            var actuator = OpenChip(options, options.PwmAddress, "PCA9685", "0x40 + the A5..A0 pins",
                device => Pca9685Actuator.Open(device, wiring.Commands, options.PwmFrequency));
            return new BoardConnection(sensor, actuator);
        }
        catch
        {
            sensor.Dispose();
            throw;
        }
    }

    private static T OpenChip<T>(IotOptions options, int address, string chip, string addressPins, Func<I2cDevice, T> open)
    {
        I2cDevice? device = null;
        try
        {
            device = I2cDevice.Create(new I2cConnectionSettings(options.Bus, address));
            return open(device);
        }
        catch (UnauthorizedAccessException e)
        {
            device?.Dispose();
            throw new EdgeToolkitException(ErrorKind.ToolMissing, $"no permission to use I2C bus {options.Bus} ({e.Message})", $"/dev/i2c-{options.Bus}",
                hint: "add the user to the i2c group (`sudo usermod -aG i2c $USER`, then log in again)", inner: e);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            device?.Dispose();
            throw new EdgeToolkitException(ErrorKind.ToolMissing, $"no {chip} answers at 0x{address:X2} on I2C bus {options.Bus} ({e.Message})", $"/dev/i2c-{options.Bus}",
                hint: $"check power and wiring (SDA, SCL, GND) and the address ({addressPins}); `i2cdetect -y {options.Bus}` lists the addresses that answer", inner: e);
        }
    }

    public void Dispose()
    {
        Actuator.Dispose();
        Sensor.Dispose();
    }
}
