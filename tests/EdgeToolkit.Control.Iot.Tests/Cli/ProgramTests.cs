using System.Text.Json.Nodes;
using EdgeToolkit.Control.Iot.Cli;
using EdgeToolkit.Control.Iot.Tests.Support;
using EdgeToolkit.Targets;

namespace EdgeToolkit.Control.Iot.Tests.Cli;

/// <summary>The console program, run in-process.</summary>
public class ProgramTests
{
    private static readonly string Msd = Path.Combine(RepoPaths.Root, "models", "control-msd");

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await IotProgram.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Without_the_bus_it_fails_with_exit_3_and_names_the_bus()
    {
        var (code, _, err) = await Run("--model", Msd, "--i2c-bus", "250");
        Assert.Equal(3, code);
        Assert.Contains("I2C bus 250 is not available", err);
        Assert.Contains("/dev/i2c-250", err);
        Assert.Contains("--simulate", err);
    }

    [Fact]
    public async Task Simulated_it_runs_the_reference_and_reports_one_json_object()
    {
        var (code, stdout, _) = await Run("--model", Msd, "--simulate", "--duration", "4", "--json");
        Assert.Equal(0, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("simulated", (string?)report["mode"]);
        Assert.Equal(200, (long)report["periods"]!);
        Assert.True((bool)report["stopped_safely"]!);
        Assert.Equal(0, (long)report["sensor_failures"]!);
        Assert.Equal(200, (long)report["counters"]!["steps"]!);
        // The steps reference moves within +-0.2 m: a loop whose commands did not reach the plant would be off by about 0.1 m.
        Assert.InRange((double)report["rms_true"]!["position"]!, 0, 0.01);
    }

    [Fact]
    public async Task The_default_wiring_prints_and_reads_back_as_the_same_wiring()
    {
        var (code, json, _) = await Run("--model", Msd, "--show-wiring");
        Assert.Equal(0, code);
        string file = Path.Combine(Path.GetTempPath(), $"etk-wiring-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, json);
            var (again, jsonAgain, _) = await Run("--model", Msd, "--wiring", file, "--show-wiring");
            Assert.Equal(0, again);
            Assert.Equal(json, jsonAgain);
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("--model", "models/control-msd", "--adc-address", "0x1FF")]
    [InlineData("--model", "models/control-msd", "--controller", "mpc")]
    [InlineData("--model", "models/control-msd", "--bogus")]
    [InlineData("--model", "models/control-msd", "--reference", "sine")]
    [InlineData("--model", "no/such/folder", "--simulate")]
    [InlineData("--i2c-bus", "1")]
    public async Task Bad_options_exit_2(params string[] args)
    {
        var (code, _, err) = await Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
    }
}
