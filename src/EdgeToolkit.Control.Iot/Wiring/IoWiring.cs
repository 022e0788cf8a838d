using EdgeToolkit.Control.Iot.Actuators;
using EdgeToolkit.Control.Iot.Sensors;
using EdgeToolkit.Control.Runtime;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Wiring;

/// <summary>
/// How a rig is wired: each output of the model on an ADS1115 input with its transducer's
/// calibration, each command on a PCA9685 channel with its duty mapping. The board's sensor and
/// actuator are built from it, and so is the simulated rig, so both see the same wiring.
/// </summary>
public sealed record IoWiring(IReadOnlyList<AnalogChannel> Outputs, IReadOnlyList<PwmOutput> Commands)
{
    /// <summary>Lowest and highest transducer voltage of the default wiring: a 3.3 V conditioner kept off its rails.</summary>
    public const double VoltsLo = 0.1, VoltsHi = 3.2;

    /// <summary>
    /// The default wiring for a controller's settings: output o on AINo (single-ended), its valid
    /// range [YValidLo, YValidHi] spanning 0.1 .. 3.2 V; command i on PCA9685 channel i, its limits
    /// [Lo, Hi] spanning duty 0 .. 1.
    /// </summary>
    public static IoWiring Default(ControllerSettings settings)
    {
        if (settings.M > 4) throw new ArgumentException($"{settings.M} outputs do not fit the 4 inputs of one ADS1115: give a wiring file");
        if (settings.P > 16) throw new ArgumentException($"{settings.P} commands do not fit the 16 channels of one PCA9685");
        var outputs = Enumerable.Range(0, settings.M).Select(o => new AnalogChannel(
            InputMultiplexer.AIN0 + o, LinearCalibration.Span(settings.YValidLo[o], settings.YValidHi[o], VoltsLo, VoltsHi))).ToArray();
        var commands = Enumerable.Range(0, settings.P).Select(i => new PwmOutput(i, new DutyMapping(settings.Lo[i], settings.Hi[i]))).ToArray();
        return new IoWiring(outputs, commands);
    }
}
