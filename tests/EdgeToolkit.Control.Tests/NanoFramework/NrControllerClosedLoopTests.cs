using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.NanoFramework;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>The nanoFramework controller with the real control-msd model, closing the loop on the simulated plant.</summary>
public class NrControllerClosedLoopTests
{
    private const float PositionScale = 1.274f, VelocityScale = 4.783f; // config.json: ranges of the identification data

    /// <summary>Tracks position only (q of velocity 0), horizon 5, 2 Newton iterations, disturbance filter on.</summary>
    private static NrSettings MsdSettings() => new()
    {
        P = 1, M = 2, Delay = 1, InputLags = 3, OutputLags = 2,
        Horizon = 5, MaxIterations = 2, Period = 0.02f, DisturbanceGain = 0.2f,
        Lo = new[] { -10f }, Hi = new[] { 10f }, Rate = new[] { 10f }, UInitial = new[] { 0f }, Lambda = new[] { 1e-3f },
        Q = new[] { 1f / (PositionScale * PositionScale), 0f }, YScale = new[] { PositionScale, VelocityScale },
        YValidLo = new[] { -0.65f - 0.5f * PositionScale, -2.4f - 0.5f * VelocityScale },
        YValidHi = new[] { 0.65f + 0.5f * PositionScale, 2.4f + 0.5f * VelocityScale },
        PidOutput = new[] { 0 }, Kp = new[] { 20f }, Ki = new[] { 40f }, Kd = new[] { 1f }, Tf = new[] { 0.02f },
        U0 = new[] { 0f }, Mix = new[] { 1f },
    };

    [Fact]
    public void TracksAPositionStepOnTheSimulatedPlant()
    {
        var controller = new NrController(MsdSettings(), NanoFixtures.ToNano(NanoFixtures.LoadMsdChain()));
        var plant = PlantCatalog.Create("msd");
        plant.Reset(1);
        const float target = 0.2f;
        var reference = new float[5 * 2];
        for (int r = 0; r < 5; r++) reference[r * 2] = target;
        var y = new float[2];
        var u = new float[1];
        double settledError = 0, settledSum = 0;
        for (int k = 0; k < 150; k++)
        {
            y[0] = (float)plant.Measured[0];
            y[1] = (float)plant.Measured[1];
            Assert.Equal(NrSource.Newton, controller.Step(y, reference, u));
            plant.Step(new double[] { u[0] });
            if (k < 100) continue;
            settledError = Math.Max(settledError, Math.Abs(plant.TrueOutputs[0] - target));
            settledSum += plant.TrueOutputs[0] - target;
        }
        Console.WriteLine($"msd, step to {target} m: position error over the last 1 s: worst {settledError * 1000:F2} mm, mean {settledSum / 50 * 1000:F2} mm, final force {u[0]:F3} N (static {target * 20:F3} N), {controller.Counters.NewtonIterations} Newton iterations in 150 periods");
        Assert.True(settledError < 0.005, $"position error {settledError} m after 2 s");
        Assert.Equal(0u, controller.Counters.Fallbacks);
    }

    [Fact]
    public void StepAllocatesNothingAfterConstruction()
    {
        var chain = NanoFixtures.LoadMsdChain();
        var settings = MsdSettings();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var controller = new NrController(settings, NanoFixtures.ToNano(chain));
        var y = new[] { 0.01f, 0.0f };
        var reference = new float[10];
        var u = new float[1];
        controller.Step(y, reference, u); // first call: the JIT, not the controller, allocates
        long constructed = GC.GetAllocatedBytesForCurrentThread();

        for (int k = 0; k < 200; k++)
        {
            y[0] = 0.01f + 0.001f * (k % 7);
            reference[0] = reference[2] = 0.1f * (k % 3);
            controller.Step(y, reference, u);
        }
        long perSteps = GC.GetAllocatedBytesForCurrentThread() - constructed;
        Console.WriteLine($"msd model + controller on .NET: {constructed - before} bytes allocated by construction and the first step; 200 steps: {perSteps} bytes");
        Assert.Equal(0, perSteps);
    }
}
