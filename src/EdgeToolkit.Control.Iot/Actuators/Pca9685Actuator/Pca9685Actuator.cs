using System.Device.I2c;
using System.Device.Pwm;
using EdgeToolkit.Control.Iot.Loop;
using Iot.Device.Pwm;

namespace EdgeToolkit.Control.Iot.Actuators;

/// <summary>
/// Commands as duty cycles on PCA9685 channels (motor drivers, valves, heaters: anything driven
/// by a PWM signal), through the Iot.Device.Pwm.Pca9685 binding. The chip holds the last duty
/// cycle by itself, so a write lost on the bus leaves the previous command applied.
/// </summary>
public sealed class Pca9685Actuator : ICommandActuator, IDisposable
{
    private readonly Pca9685 _chip;
    private readonly PwmChannel[] _channels;
    private readonly DutyMapping[] _mappings;

    public Pca9685Actuator(Pca9685 chip, IReadOnlyList<PwmOutput> outputs)
    {
        if (outputs.Count == 0) throw new ArgumentException("at least one output", nameof(outputs));
        if (outputs.Select(o => o.Channel).Distinct().Count() != outputs.Count) throw new ArgumentException("two commands on one PWM channel", nameof(outputs));
        _chip = chip;
        _channels = outputs.Select(o => chip.CreatePwmChannel(o.Channel)).ToArray();
        _mappings = outputs.Select(o => o.Mapping).ToArray();
    }

    /// <summary>Opens the chip at <paramref name="frequencyHz"/> (the PCA9685 has one frequency for all channels).</summary>
    public static Pca9685Actuator Open(I2cDevice device, IReadOnlyList<PwmOutput> outputs, double frequencyHz = 1000)
        => new(new Pca9685(device, frequencyHz), outputs);

    public int Commands => _channels.Length;
    public double PwmFrequency => _chip.PwmFrequency;

    public void Write(ReadOnlySpan<float> commands)
    {
        for (int i = 0; i < _channels.Length; i++) _channels[i].DutyCycle = _mappings[i].Duty(commands[i]);
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
        _chip.Dispose();
    }
}
