using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Tests.Runtime;

public class ControllerJsonTests
{
    [Theory]
    [InlineData("msd")]
    [InlineData("hasel")]
    public void RoundTripsEveryFieldBitForBit(string plant)
    {
        var preset = ControllerPresets.ForModelFolder(TestPaths.ModelFolder(plant));
        var back = ControllerJson.FromJson(ControllerJson.ToJson(preset));
        Assert.Equal(preset.Plant, back.Plant);
        Assert.Equal(preset.InputNames, back.InputNames);
        Assert.Equal(preset.OutputNames, back.OutputNames);
        // Serialising the copy again gives the same text only if every field survived exactly.
        Assert.Equal(ControllerJson.ToJson(preset), ControllerJson.ToJson(back));
        var (a, b) = (preset.Settings, back.Settings);
        Assert.Equal(a.Mix, b.Mix);
        Assert.Equal(a.Q, b.Q);
        Assert.Equal(a.YValidLo, b.YValidLo);
        Assert.Equal((a.Horizon, a.Delay, a.Fallback, a.Barrier), (b.Horizon, b.Delay, b.Fallback, b.Barrier));
    }

    [Fact]
    public void RejectsAFileWithAMissingField()
    {
        var json = ControllerJson.ToJson(ControllerPresets.ForModelFolder(TestPaths.ModelFolder("msd")));
        var broken = string.Join("\n", json.Split('\n').Where(line => !line.Contains("\"horizon\"")));
        var e = Assert.Throws<EdgeToolkitException>(() => ControllerJson.FromJson(broken, "controller.json"));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("horizon", e.Message);
    }

    [Fact]
    public void RejectsSettingsThatDoNotFit()
    {
        var json = ControllerJson.ToJson(ControllerPresets.ForModelFolder(TestPaths.ModelFolder("msd")));
        var e = Assert.Throws<EdgeToolkitException>(() => ControllerJson.FromJson(json.Replace("\"delay\": 1", "\"delay\": 0"), "controller.json"));
        Assert.Contains("D >= 1", e.Message);
    }
}
