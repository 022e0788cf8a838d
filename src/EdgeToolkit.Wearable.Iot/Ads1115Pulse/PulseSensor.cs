using System.Device.I2c;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Wearable.Iot.Ads1115Pulse;

/// <summary>
/// An analog PPG pulse sensor (photodiode front end, e.g. a "Pulse Sensor" breakout) on an
/// ADS1115 through Iot.Device.Ads1115: single-ended AIN0, +-2.048 V range (62.5 uV per code),
/// single-shot at 860 samples/s so the converter powers down between the 25 Hz samples.
/// </summary>
public sealed class PulseSensor : IDisposable
{
    private readonly Ads1115 _adc;
    private readonly InputMultiplexer _input;
    private readonly double _voltsPerCode;

    public PulseSensor(I2cDevice device, InputMultiplexer input = InputMultiplexer.AIN0, MeasuringRange range = MeasuringRange.FS2048)
    {
        _input = input;
        _adc = new Ads1115(device, input, range, DataRate.SPS860, DeviceMode.PowerDown);
        _voltsPerCode = _adc.MaxVoltageFromMeasuringRange(range).Volts / 32768.0;
    }

    /// <summary>
    /// One conversion of the sensor's output, in volts. ReadRaw scaled here rather than the
    /// binding's ReadVoltage, which costs about 3 us of UnitsNet per call at 36,000 samples an hour.
    /// </summary>
    public double ReadVolts() => _adc.ReadRaw(_input) * _voltsPerCode;

    public void Dispose() => _adc.Dispose();
}
