namespace EdgeToolkit.Firmware.Tests;

[Collection(MsdFirmwareCollection.Name)]
public class FlashCommandTests(MsdFirmwares firmwares)
{
    [Fact]
    public void FlashRunsTheEmulatedBoardInTheLoopAndLogsEveryStep()
    {
        var fw = firmwares.Newton("mps2-an386").OutputDir;
        using var temp = new TempFolder();
        var (exit, json, err) = CliRunner.RunJson("flash", fw, "--emulate", "--steps", "40", "--reference", "chirp", "--log", temp["run.csv"]);
        Assert.True(exit == 0, err);
        Assert.Equal(("emulated", "mps2-an386", "chirp", 40), ((string)json["mode"]!, (string)json["board"]!, (string)json["reference"]!, (int)json["steps"]!));
        Assert.Equal(40L, (long)json["counters"]!["steps"]!);
        Assert.Contains("hardware in the loop: 40/40 steps", err);
        var lines = File.ReadAllLines(temp["run.csv"]);
        Assert.Equal("step,t,r_position,r_velocity,y_position,y_velocity,u_force,source,instructions", lines[0]);
        Assert.Equal(41, lines.Length);
        var instructions = lines.Skip(1).Select(l => long.Parse(l.Split(',')[^1])).ToList();
        Assert.Equal((long)json["instructions_per_step_max"]!, instructions.Max());
        Assert.All(lines.Skip(1), l => Assert.Equal("newton", l.Split(',')[^2]));
    }

    [Fact]
    public void FlashRefusesAnImageBuiltForAnotherBoard()
    {
        var fw = firmwares.Newton("mps2-an386").OutputDir;
        var (exit, json, _) = CliRunner.RunJson("flash", fw, "--board", "netduinoplus2");
        Assert.Equal(2, exit);
        Assert.Contains("built for mps2-an386, not netduinoplus2", (string)json["error"]!["message"]!);
    }
}
