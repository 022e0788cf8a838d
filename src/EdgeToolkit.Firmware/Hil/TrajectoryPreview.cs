using EdgeToolkit.Control.ClosedLoop;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>A ReferenceTrajectory as the preview rows a SENSOR frame carries (the same rows the .NET closed loop gives its controller).</summary>
public static class TrajectoryPreview
{
    public static ReferencePreview From(ReferenceTrajectory trajectory, int delay) => (step, horizon, outputs) =>
    {
        if (outputs != trajectory.Outputs)
            throw new ArgumentException($"reference '{trajectory.Name}' has {trajectory.Outputs} outputs, the firmware {outputs}");
        var rows = new float[horizon * outputs];
        trajectory.Preview(step, delay, horizon, rows);
        return rows;
    };
}
