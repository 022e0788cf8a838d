using System.Device.I2c;
using EdgeToolkit.Control.Iot.Loop;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Sensors;

/// <summary>
/// Position-type transducers (potentiometer, LVDT conditioner, velocity transducer: anything
/// with a voltage linear in the quantity) on an ADS1115, one input per output of the model, read
/// through the Iot.Device.Ads1115 binding and turned into the model's units by each channel's
/// calibration.
/// </summary>
public sealed class Ads1115PositionSensor : IOutputSensor, IDisposable
{
    private readonly Ads1115 _adc;
    private readonly AnalogChannel[] _channels;

    /// <param name="adc">Should be in DeviceMode.PowerDown (see <see cref="Open"/>).</param>
    public Ads1115PositionSensor(Ads1115 adc, IReadOnlyList<AnalogChannel> channels)
    {
        if (channels.Count == 0) throw new ArgumentException("at least one channel", nameof(channels));
        _adc = adc;
        _channels = channels.ToArray();
    }

    /// <summary>
    /// Single-shot mode (PowerDown): every reading writes the whole config and waits for its own
    /// conversion, so switching inputs never returns the previous input's value, and a transfer
    /// lost on the bus cannot leave the converter on a wrong input for later readings. At 860
    /// samples/s a conversion takes about 1.2 ms, a few per 20 ms period.
    /// </summary>
    public static Ads1115PositionSensor Open(I2cDevice device, IReadOnlyList<AnalogChannel> channels,
        MeasuringRange range = MeasuringRange.FS4096, DataRate rate = DataRate.SPS860)
    {
        if (channels.Count == 0) throw new ArgumentException("at least one channel", nameof(channels));
        var adc = new Ads1115(device, channels[0].Input, range, rate, DeviceMode.PowerDown);
        return new Ads1115PositionSensor(adc, channels);
    }

    public int Outputs => _channels.Length;
    public IReadOnlyList<AnalogChannel> Channels => _channels;

    /// <summary>The smallest step of each output: one ADC code through the calibration.</summary>
    public double Resolution(int output) => _adc.MaxVoltageFromMeasuringRange(_adc.MeasuringRange).Volts / 32768.0 / Math.Abs(_channels[output].Calibration.VoltsPerUnit);

    public void Read(Span<float> outputs)
    {
        for (int i = 0; i < _channels.Length; i++)
        {
            double volts = _adc.ReadVoltage(_channels[i].Input).Volts;
            outputs[i] = (float)_channels[i].Calibration.ToValue(volts);
        }
    }

    public void Dispose() => _adc.Dispose();
}
