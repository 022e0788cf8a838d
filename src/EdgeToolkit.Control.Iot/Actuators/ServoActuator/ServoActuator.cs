using EdgeToolkit.Control.Iot.Loop;

namespace EdgeToolkit.Control.Iot.Actuators;

/// <summary>
/// Commands as servo angles through Iot.Device.ServoMotor on any PwmChannel (a PCA9685 channel
/// at 50 Hz, or the board's own PWM): position-controlled actuators such as the tendon rig's
/// spool motors. The servo's pulse-width calibration lives in the ServoMotor.
/// </summary>
public sealed class ServoActuator : ICommandActuator, IDisposable
{
    private readonly ServoOutput[] _outputs;

    public ServoActuator(IReadOnlyList<ServoOutput> outputs)
    {
        if (outputs.Count == 0) throw new ArgumentException("at least one servo", nameof(outputs));
        _outputs = outputs.ToArray();
        foreach (var output in _outputs) output.Servo.Start();
    }

    public int Commands => _outputs.Length;

    public void Write(ReadOnlySpan<float> commands)
    {
        for (int i = 0; i < _outputs.Length; i++) _outputs[i].Servo.WriteAngle(_outputs[i].Angle(commands[i]));
    }

    public void Dispose()
    {
        foreach (var output in _outputs) output.Servo.Dispose();
    }
}
