using System.Text.Json.Nodes;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

public class ControllerPresetsTests
{
    [Theory]
    [InlineData("msd")]
    [InlineData("tendon")]
    [InlineData("hasel")]
    public void TakesLimitsFromTheConfigAndScalesFromTheHeldOutData(string plant)
    {
        string folder = TestPaths.ModelFolder(plant);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
        var s = ControllerPresets.ForModelFolder(folder).Settings;
        var inputs = config["inputs"]!.AsArray();
        double period = (double)config["period_s"]!;
        for (int i = 0; i < s.P; i++)
        {
            Assert.Equal((float)(double)inputs[i]!["min"]!, s.Lo[i]);
            Assert.Equal((float)(double)inputs[i]!["max"]!, s.Hi[i]);
            Assert.Equal((double)inputs[i]!["rate_per_s"]! * period, s.Rate[i], 5);
        }
        var outputs = config["outputs"]!.AsArray();
        for (int o = 0; o < s.M; o++)
        {
            // The training pipeline measured the held-out range independently (config.json metrics).
            double range = (double)config["metrics"]![$"range_{(string)outputs[o]!["name"]!}"]!;
            Assert.Equal(range, s.YScale[o], 1e-5 * range);
            Assert.Equal(s.YValidHi[o] - s.YValidLo[o], 2 * s.YScale[o], 1e-4 * s.YScale[o]);
        }
        Assert.Equal((int)config["window"]!["input_lags"]!, s.InputLags);
        Assert.Equal((int)config["window"]!["output_lags"]!, s.OutputLags);
        Assert.Equal(s.Features, MlpForwardModel.Load(Path.Combine(folder, "model.onnx")).Inputs);
    }

    [Fact]
    public void MsdStaysWithinTheCostBudget()
    {
        // At most two forward+Jacobian evaluations per period on the Cortex-M4 (plus the free prediction).
        var s = ControllerPresets.ForModelFolder(TestPaths.ModelFolder("msd")).Settings;
        Assert.True(s.Horizon * s.MaxIterations <= 2, $"msd: horizon {s.Horizon} x iterations {s.MaxIterations}");
    }
}
