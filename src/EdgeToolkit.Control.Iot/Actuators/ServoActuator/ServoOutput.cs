using Iot.Device.ServoMotor;

namespace EdgeToolkit.Control.Iot.Actuators;

/// <summary>One command on a hobby servo: CommandLo turns it to AngleAtLo, CommandHi to AngleAtHi (degrees), linear between.</summary>
public sealed record ServoOutput(ServoMotor Servo, double CommandLo, double CommandHi, double AngleAtLo, double AngleAtHi)
{
    public double Angle(double command)
    {
        if (!double.IsFinite(command)) throw new ArgumentException($"command {command} is not a number: refusing to drive the servo with it", nameof(command));
        double fraction = (Math.Clamp(command, CommandLo, CommandHi) - CommandLo) / (CommandHi - CommandLo);
        return AngleAtLo + fraction * (AngleAtHi - AngleAtLo);
    }
}
