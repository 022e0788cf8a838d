using EdgeToolkit.Control.Data;
using EdgeToolkit.Training.Control;
using EdgeToolkit.Training.Zoo;
using Xunit.Abstractions;

namespace EdgeToolkit.Training.Tests.Control;

public class RolloutTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void RolloutLossLowersTheHeldOutMultiStepError()
    {
        // The tendon's quick identification data; the same network, steps and seed with the
        // one-step loss and with 20-step rollouts, scored on 20-step rollouts over the held-out
        // runs. (The msd, linear and little noisy, gains too little for a test: 3.56 vs 3.62.)
        const string plant = "tendon";
        var setup = PlantCatalog.Identification(plant, quick: true);
        var layout = setup.LayoutFor(PlantCatalog.Create(plant).Spec);
        var trainRuns = RunGenerator.Generate(PlantCatalog.Create(plant), setup.Experiment).Where(r => !r.HeldOut).ToList();
        var train = WindowSet.FromRuns(trainRuns, layout);
        var perRun = OpenLoopRollout.WindowsPerRun(trainRuns, layout);
        var heldOut = ControlHeldOut.Build(plant, setup);

        double MultiStepError(int rolloutSteps)
        {
            TorchRuntime.Initialize(7);
            var options = new ForwardModelOptions([16], Steps: 600, BatchSize: 64, LearningRate: 0.01, FinalLearningRate: 0.001, EvaluateEvery: 600, rolloutSteps);
            var result = ForwardModelTrainer.Train(train, perRun, options, NullTrainingProgress.Instance);
            double error = heldOut.RolloutScore(OpenLoopRollout.MetricSteps, 400, b => ForwardModelTrainer.Predict(result.Network, b, layout.FeatureCount)).Max();
            result.Network.Dispose();
            return error;
        }

        double oneStep = MultiStepError(1), rollout = MultiStepError(OpenLoopRollout.MetricSteps);
        output.WriteLine($"{plant}: held-out 20-step nrmse_pct_range {rollout:F3} with the rollout loss, {oneStep:F3} with the one-step loss");
        Assert.True(rollout < oneStep, $"{plant}: rollout loss {rollout:F3} vs one-step {oneStep:F3}");
    }
}
