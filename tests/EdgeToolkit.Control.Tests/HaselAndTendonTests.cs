using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Control.Tests;

public class HaselAndTendonTests
{
    private static HaselPlant QuietHasel() => new(new HaselParameters { HeightNoise = 0, TiltNoiseDegrees = 0, DelayPeriods = 0, VoltageRate = double.PositiveInfinity });

    [Theory]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(8.0)]
    public void EqualVoltagesLiftThePlatformLevelToTheDriveCurve(double kv)
    {
        var plant = QuietHasel();
        double[] y = Array.Empty<double>();
        for (int k = 0; k < 600; k++) y = plant.Step(Enumerable.Repeat(kv, 6).ToArray()); // 6 s >> 0.12 s
        double expectedMm = 4.0 * Math.Tanh(kv / 6 * (kv / 6));
        Assert.Equal(expectedMm, y[0], 4);
        Assert.Equal(0.0, y[1], 6);
        Assert.Equal(0.0, y[2], 6);
    }

    [Fact]
    public void DriveIsQuadraticAtLowVoltageAndSaturates()
    {
        var plant = QuietHasel();
        Assert.Equal(4.0, plant.Drive(1.0) / plant.Drive(0.5), 2); // V^2 for small V
        Assert.True(plant.Drive(8) - plant.Drive(7) < 0.5 * (plant.Drive(4) - plant.Drive(3)), "saturates near full voltage");
    }

    [Fact]
    public void ActuatorsOnThePositiveYSideRollThePlatformPositive()
    {
        var plant = QuietHasel();
        double[] y = Array.Empty<double>();
        for (int k = 0; k < 300; k++) y = plant.Step(new[] { 0.0, 6, 6, 0, 0, 0 }); // actuators at 60 and 120 degrees
        Assert.True(y[1] > 1, $"roll {y[1]:F3} deg");
        Assert.Equal(0.0, y[2], 6); // symmetric about the y axis: no pitch
    }

    [Fact]
    public void HaselRelaxesSlowerThanItContracts()
    {
        var plant = QuietHasel();
        double Rise()
        {
            for (int k = 0; k < 20; k++) plant.Step(Enumerable.Repeat(6.0, 6).ToArray());
            return plant.Measured[0];
        }
        double risen = Rise(); // 0.2 s after a step up, from 0
        for (int k = 0; k < 600; k++) plant.Step(Enumerable.Repeat(6.0, 6).ToArray());
        double top = plant.Measured[0];
        for (int k = 0; k < 20; k++) plant.Step(new double[6]);
        double fallen = top - plant.Measured[0]; // 0.2 s after a step down
        Assert.True(risen > 1.3 * fallen, $"rose {risen:F3} mm, fell {fallen:F3} mm in 0.2 s");
    }

    [Fact]
    public void TendonTensionSaturatesAndTheFingerRestsWithoutCommand()
    {
        var p = new TendonParameters { TipNoise = 0, TensionNoise = 0 };
        var plant = new TendonPlant(p);
        for (int k = 0; k < 100; k++) Assert.Equal(new[] { 0.0, 0.0, 0.0 }, plant.Step(new[] { 0.0, 0.0 }));
        double[] y = Array.Empty<double>();
        for (int k = 0; k < 500; k++) y = plant.Step(new[] { 1.0, 1.0 });
        Assert.InRange(y[2], 0.5 * 2 * p.TensionSaturation, 2 * p.TensionSaturation);
        Assert.Equal(y[0], y[1], 9); // symmetric commands bend both planes alike
        Assert.True(y[0] > 10, $"tip x {y[0]:F2} mm at full command");
    }
}
