using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Health;

/// <summary>The Linux-board leg of the demo (filled in when the wearable IoT project lands).</summary>
public static class HealthOnLinuxBoard
{
    public static LinuxBoardResult? Run(HealthDemoOptions o, HealthSplitData data, string model, HealthMonthResult month, Reporter reporter) => null;
}
