using System.Text.Json.Nodes;
using EdgeToolkit.Tests.Shared;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// control simulate / control benchmark / demo control through the CLI: the issue's contract
/// (JSON fields other tools parse) and its goals on the deterministic figures (QEMU instruction
/// counts, image size, the replay of the board's inputs into the .NET and nanoFramework controllers).
/// </summary>
public class ControlCommandTests
{
    [Fact]
    public void BenchmarkOnTheMassSpringDamperMeetsTheIssueGoals()
    {
        var (code, json, err) = CliRunner.RunJson("control", "benchmark", "--plant", "msd", "--target", "cortex-m4");
        Assert.True(code == 0, $"exit {code}\n{json}\n{err}");
        foreach (var field in new[] { "plant", "nr_rms_error", "pid_rms_error", "instructions_per_step", "flash_bytes", "flash_fraction", "fallbacks", "implementations_max_diff" })
            Assert.True(json.ContainsKey(field), $"missing {field}");
        Assert.Equal("msd", (string)json["plant"]!);
        // NR <= 0.5x the tuned PID on the chirp and on the steps reference.
        foreach (var r in json["references"]!.AsArray())
            Assert.True((double)r!["nr_to_pid"]! <= 0.5, $"{r["reference"]}: NR / PID = {r["nr_to_pid"]}");
        Assert.True((double)json["nr_rms_error"]! <= 0.5 * (double)json["pid_rms_error"]!);
        // One control period on Cortex-M4 (forward model + Jacobian + Newton update) within 40,000 instructions.
        Assert.InRange((long)json["instructions_per_step"]!, 1, 40_000);
        Assert.True((double)json["control_rate_hz"]!["at_168_mhz"]!["by_instruction_count_hz"]! >= 4200);
        // The whole control firmware image within 2% of the board's 1 MB flash.
        Assert.InRange((double)json["flash_fraction"]!, 1e-4, 0.02);
        // The C controller on the board, the .NET and the nanoFramework controller on the same inputs (faults included).
        Assert.InRange((double)json["implementations_max_diff"]!, 0, 1e-5);
        Assert.Equal(0, (int)json["implementations"]!["source_mismatches"]!);
        Assert.True((long)json["implementations"]!["board_fallbacks"]! > 0, "the replay should cover fallbacks (fault scenario)");
        // The fault scenario: every fallback counted, outputs bounded.
        Assert.True((long)json["fallbacks"]! > 0);
        var peak = json["faults"]!["nr"]!["peak_output"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.True(peak[0] < 1.0, $"position stayed bounded: peak {peak[0]} m");
    }

    [Fact]
    public void SimulateReportsTrackingAndCountersAndWritesTheLog()
    {
        var dir = CliRunner.TempDir();
        var csv = Path.Combine(dir, "run.csv");
        var (code, json, err) = CliRunner.RunJson("control", "simulate", "--plant", "msd", "--controller", "pid", "--reference", "steps", "--faults", "--csv", csv);
        Assert.True(code == 0, err);
        Assert.Equal("pid", (string)json["controller"]!);
        Assert.Equal("steps", (string)json["reference"]!);
        Assert.True((double)json["rms_error"]!["position"]! > 0);
        Assert.Equal(5, json["faults"]!.AsArray().Count);
        Assert.True((long)json["counters"]!["sensor_faults"]! > 0, "NaN readings are counted");
        var lines = File.ReadAllLines(csv);
        Assert.Equal((int)json["steps"]! + 1, lines.Length);
        Assert.StartsWith("t_s,r_position,r_velocity,y_position", lines[0]);
    }

    [Theory]
    [InlineData(new[] { "control", "simulate", "--plant", "pendulum" }, "unknown plant")]
    [InlineData(new[] { "control", "simulate", "--controller", "lqr" }, "unknown controller")]
    [InlineData(new[] { "control", "simulate", "--reference", "ramp" }, "unknown reference")]
    [InlineData(new[] { "control", "tune" }, "unknown control subcommand")]
    [InlineData(new[] { "demo", "weather" }, "unknown demo")]
    [InlineData(new[] { "demo", "health", "--board", "mps2-an385" }, "the wearable build targets a Cortex-M4")]
    [InlineData(new[] { "demo", "health", "--pmdata", "/nonexistent/pmdata" }, "the PMData folder does not exist")]
    public void BadArgumentsAreUsageErrors(string[] args, string message)
    {
        var (code, _, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void DemoControlTrainsRunsTheFirmwareInTheLoopAndWritesTheReport()
    {
        var dir = CliRunner.TempDir();
        var (code, json, err) = CliRunner.RunJson("demo", "control", "-o", dir);
        Assert.True(code == 0, $"exit {code}\n{json}\n{err}");
        var report = (string)json["report"]!;
        Assert.True(File.Exists(report));
        Assert.Contains("data:image/png;base64,", File.ReadAllText(report));
        // The Newton-Raphson controller ran in the firmware on the emulated board and tracked as well as the host's.
        Assert.True((double)json["nr_on_board_rms_error"]! <= 1.01 * (double)json["nr_rms_error"]!["chirp"]!);
        Assert.True((double)json["nr_rms_error"]!["chirp"]! <= 0.5 * (double)json["pid_rms_error"]!["chirp"]!);
        Assert.InRange((long)json["instructions_per_step"]!, 1, 40_000);
        Assert.InRange((double)json["implementations_max_diff"]!, 0, 1e-5);
    }
}
