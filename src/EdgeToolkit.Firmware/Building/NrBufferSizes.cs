using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Building;

/// <summary>
/// The compile-time maxima of etk_nr.h and etk_frame.h sized to one controller, so its static
/// buffers take no more RAM than this model needs and a corrupt frame length is refused at once.
/// Every translation unit must see the same values: they are -D flags of the whole build (and of
/// the generated CMakeLists.txt).
/// </summary>
public static class NrBufferSizes
{
    public static IReadOnlyList<string> Defines(ControllerSettings s)
    {
        int sensorBytes = 4 * s.M * (1 + s.Horizon);
        if (sensorBytes > Frame.MaxPayload)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"a SENSOR frame for {s.M} outputs and horizon {s.Horizon} needs {sensorBytes} payload bytes, the protocol carries at most {Frame.MaxPayload}",
                hint: $"use a horizon of at most {Frame.MaxPayload / (4 * s.M) - 1}");
        // The board's frame buffers hold the longest frame it receives (SENSOR) or sends (ACTUATOR, HELLO); its parser refuses longer ones.
        int largestFrame = new[] { sensorBytes, ActuatorMessage.Length(s.P), HelloMessage.MaxLength }.Max();
        return new[]
        {
            $"ETK_FRAME_MAX_PAYLOAD={largestFrame}u",
            $"ETK_NR_MAX_INPUTS={s.P}",
            $"ETK_NR_MAX_OUTPUTS={s.M}",
            $"ETK_NR_MAX_FEATURES={s.Features}",
            $"ETK_NR_MAX_STEPS={s.Delay + s.Horizon}",
            $"ETK_NR_MAX_LAGS={Math.Max(s.Delay + s.InputLags, s.OutputLags)}",
            $"ETK_NR_MAX_LOOPS={Math.Max(1, s.PidLoops)}",
        };
    }
}
