namespace EdgeToolkit.Control.Iot.Actuators;

/// <summary>
/// A command's limits onto a duty-cycle range: CommandLo gives DutyAtLo, CommandHi gives DutyAtHi,
/// linear between (DutyAtLo may exceed DutyAtHi for a reversed drive). A command outside the
/// limits is clipped, as the plant's actuator would saturate anyway.
/// </summary>
public sealed record DutyMapping(double CommandLo, double CommandHi, double DutyAtLo = 0, double DutyAtHi = 1)
{
    public double Duty(double command)
    {
        if (!double.IsFinite(command)) throw new ArgumentException($"command {command} is not a number: refusing to drive the actuator with it", nameof(command));
        double fraction = (Math.Clamp(command, CommandLo, CommandHi) - CommandLo) / (CommandHi - CommandLo);
        return Math.Clamp(DutyAtLo + fraction * (DutyAtHi - DutyAtLo), 0, 1);
    }

    /// <summary>The command a duty cycle stands for (the inverse, used by the simulated rig).</summary>
    public double Command(double duty) => CommandLo + (duty - DutyAtLo) / (DutyAtHi - DutyAtLo) * (CommandHi - CommandLo);
}
