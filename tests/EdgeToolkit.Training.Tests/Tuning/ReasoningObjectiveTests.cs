using System.Diagnostics;
using EdgeToolkit.Training.Reasoning;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Tuning.Objectives;
using TorchSharp;
using Xunit.Abstractions;
using static EdgeToolkit.Training.Tests.Tuning.TuningFixtures;

namespace EdgeToolkit.Training.Tests.Tuning;

public class ReasoningObjectiveTests(ITestOutputHelper output)
{
    private static readonly double UniformLoss = Math.Log(ArithmeticVocabulary.Size);

    private static double LossValue(GraphModule module, ReasoningObjective objective, int seed)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return objective.Loss(module, new Random(seed)).item<float>();
    }

    [Fact]
    public void LossThroughTheStepGraphEqualsTheFullSequenceTrainingLoss()
    {
        TorchRuntime.Initialize(3);
        // Narrower than the zoo model, as a pruned one is: the caches take their widths from the graph.
        var model = new TinyDecoder(new DecoderConfig(ArithmeticVocabulary.Size, ArithmeticData.MaxContext, Layers: 2, DModel: 24, Heads: 4, FeedForward: 40));
        using (torch.no_grad())
            foreach (var (_, p) in model.named_parameters()) p.normal_(0, 0.3);
        model.eval();
        var objective = new ReasoningObjective(DecoderStepExporter.Signature(model.Config), scratchpad: true, seed: 1);
        using var module = new GraphModule(DecoderStepExporter.Export(model));
        double throughSteps = LossValue(module, objective, seed: 9);

        // The trainer's loss on the same problems: the objective draws them exactly as ArithmeticTrainer does.
        using var scope = torch.NewDisposeScope();
        var rng = new Random(9);
        var problems = Enumerable.Range(0, ReasoningObjective.BatchSize).Select(_ => ArithmeticData.SampleTraining(rng, ArithmeticTrainer.SampleOp(rng))).ToList();
        var (inputs, targets, mask) = ArithmeticBatch.Make(problems, scratchpad: true);
        var logits = model.forward(inputs);
        var perToken = torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), targets.view(-1), reduction: torch.nn.Reduction.None);
        double fullSequence = ((perToken * mask.view(-1)).sum() / mask.sum()).item<float>();

        Assert.True(Math.Abs(throughSteps - fullSequence) <= 1e-4 * fullSequence, $"step graph {throughSteps}, full sequence {fullSequence}");
        Assert.True(fullSequence > 0.5, $"the random model's loss {fullSequence} is too low for the comparison to mean anything");
    }

    [Fact]
    public void TrainedModelHasALowLossAndItsCostIsReported()
    {
        TorchRuntime.Initialize(4);
        var objective = new ReasoningObjective(Config("reasoning-arith"), seed: 1);
        using var module = new GraphModule(Load("reasoning-arith"));
        var rng = new Random(2);
        var losses = new List<double>();
        Stopwatch forward = new(), backward = new();
        for (int b = 0; b < 3; b++)
        {
            using var scope = torch.NewDisposeScope();
            forward.Start();
            var loss = objective.Loss(module, rng);
            forward.Stop();
            backward.Start();
            loss.backward();
            backward.Stop();
            losses.Add(loss.item<float>());
            module.zero_grad();
        }
        output.WriteLine($"loss + backward at batch {ReasoningObjective.BatchSize} on models/reasoning-arith: " +
                         $"{(forward.Elapsed + backward.Elapsed).TotalMilliseconds / losses.Count:F0} ms per batch " +
                         $"(loss {forward.Elapsed.TotalMilliseconds / losses.Count:F0} ms, backward {backward.Elapsed.TotalMilliseconds / losses.Count:F0} ms); " +
                         $"losses {string.Join(", ", losses.Select(l => l.ToString("G3")))} (uniform: {UniformLoss:F3})");
        Assert.True(losses.Average() < 0.05 * UniformLoss, $"per-token cross-entropy {losses.Average():G3} of the trained model is not far below ln(15)");
    }

    [Fact]
    public void AdamStepsLowerTheLossOfAPerturbedCopy()
    {
        TorchRuntime.Initialize(5);
        var objective = new ReasoningObjective(Config("reasoning-arith"), seed: 1);
        using var module = new GraphModule(Load("reasoning-arith"));
        using (torch.no_grad())
            foreach (var p in module.parameters()) p.add_(torch.randn_like(p) * p.std() * 0.3);
        const int heldOutSeed = 100;
        double before = LossValue(module, objective, heldOutSeed);
        var optimizer = torch.optim.Adam(module.parameters(), lr: objective.LearningRate);
        var rng = new Random(6);
        for (int step = 0; step < 6; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            objective.Loss(module, rng).backward();
            optimizer.step();
        }
        double after = LossValue(module, objective, heldOutSeed);
        output.WriteLine($"perturbed copy: loss {before:G4} before, {after:G4} after 6 Adam steps at {objective.LearningRate}");
        Assert.True(before > 0.1, $"the perturbation left the loss at {before:G3}: nothing to recover");
        Assert.True(after < 0.8 * before, $"6 Adam steps took the loss from {before:G4} to {after:G4}");
    }

    [Fact]
    public void HeldOutLossSeparatesAModelFromADamagedCopy()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("reasoning-arith");
        var objective = new ReasoningObjective(config, 1);
        using var trained = new GraphModule(graph);
        using var damaged = new GraphModule(ZooModels.Perturbed(graph, 0.3, 5));
        // 70 problems per operation: one full batch of 64 and one padded batch of 6 each.
        double a = objective.HeldOutLoss(trained, 70), b = objective.HeldOutLoss(damaged, 70);
        output.WriteLine($"held-out answer-token loss: trained {a:G3}, weights perturbed by 30% {b:G3}");
        Assert.True(a < 0.01, $"the shipped model answers its held-out problems: loss {a}");
        Assert.True(b > 10 * a);
    }
}
