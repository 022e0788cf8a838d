namespace EdgeToolkit.Control.Iot.Actuators;

/// <summary>One command: the PCA9685 channel its driver hangs on, and the duty mapping.</summary>
public sealed record PwmOutput(int Channel, DutyMapping Mapping);
