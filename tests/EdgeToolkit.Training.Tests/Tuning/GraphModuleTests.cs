using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Tuning;
using TorchSharp;
using static EdgeToolkit.Training.Tests.Tuning.TuningFixtures;
using Tensor = EdgeToolkit.Graph.Tensor;

namespace EdgeToolkit.Training.Tests.Tuning;

/// <summary>GraphModule on a batch equals the reference run once per sample: the C# Evaluator or ONNX Runtime.</summary>
public class GraphModuleTests
{
    private const int Batch = 4;

    private static void AssertMatchesPerSample(ModelGraph graph, IReadOnlyDictionary<string, torch.Tensor> batch,
        Func<IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>> reference, double tolerance = 1e-5)
    {
        using var scope = torch.NewDisposeScope();
        using var module = new GraphModule(graph);
        var outputs = module.Run(batch);
        long count = batch.Values.First().size(0);
        var first = new Dictionary<string, Tensor>();
        bool samplesDiffer = false;
        for (int i = 0; i < count; i++)
        {
            foreach (var (name, expected) in reference(Sample(batch, i)))
            {
                var actual = Sample(outputs[name], i);
                double diff = MaxAbsDiff(expected, actual);
                Assert.True(diff <= tolerance * Math.Max(1, MaxAbs(expected)), $"output '{name}' of sample {i}: max |torch - reference| = {diff:G3}");
                if (first.TryGetValue(name, out var f)) samplesDiffer |= MaxAbsDiff(f, actual) > 1e-3;
                else first[name] = actual;
            }
        }
        Assert.True(samplesDiffer, "every sample gave the same outputs: the batch does not test batching");
    }

    private static Dictionary<string, torch.Tensor> RandomInputs(ModelGraph graph, int seed)
    {
        TorchRuntime.Initialize(seed);
        return graph.Inputs.ToDictionary(i => i.Name, i => torch.randn(i.Shape.ToConcrete().Select(d => (long)d).Prepend(Batch).ToArray()));
    }

    private static IReadOnlyDictionary<string, Tensor> Evaluate(ModelGraph graph, IReadOnlyDictionary<string, Tensor> inputs) => Evaluator.Run(graph, inputs);

    [Theory]
    [InlineData("control-msd")]
    [InlineData("health-events")]
    public void ZooMlpMatchesTheEvaluatorPerSample(string model)
    {
        var graph = Load(model);
        AssertMatchesPerSample(graph, RandomInputs(graph, 1), inputs => Evaluate(graph, inputs));
    }

    [Fact]
    public void FashionCnnMatchesOnnxRuntimePerSample()
    {
        var graph = Load("fashion-cnn");
        using var ort = new OrtSession(graph);
        AssertMatchesPerSample(graph, RandomInputs(graph, 2), inputs => ort.Run(inputs), tolerance: 1e-4);
    }

    [Fact]
    public void PrunedLookingConvGraphMatchesTheEvaluatorPerSample()
    {
        var graph = PrunedLookingGraphs.Convolutional();
        AssertMatchesPerSample(graph, RandomInputs(graph, 3), inputs => Evaluate(graph, inputs));
    }

    [Fact]
    public void PrunedLookingSequenceGraphMatchesTheEvaluatorPerSample()
    {
        var graph = PrunedLookingGraphs.Sequence();
        TorchRuntime.Initialize(4);
        var batch = new Dictionary<string, torch.Tensor>
        {
            ["tokens"] = torch.randint(0, PrunedLookingGraphs.Vocabulary, new long[] { Batch, 1, 4 }),
            ["features"] = torch.randn(Batch, 4, 6),
        };
        AssertMatchesPerSample(graph, batch, inputs => Evaluate(graph, inputs));
    }

    [Fact]
    public void OlderOpsetGraphMatchesTheEvaluatorPerSample()
    {
        var graph = PrunedLookingGraphs.OlderOpset();
        AssertMatchesPerSample(graph, RandomInputs(graph, 5), inputs => Evaluate(graph, inputs));
    }

    [Fact]
    public void SqueezeWithoutAxesKeepsABatchOfOne()
    {
        var graph = PrunedLookingGraphs.OlderOpset();
        using var scope = torch.NewDisposeScope();
        using var module = new GraphModule(graph);
        var outputs = module.Run(graph.Inputs.ToDictionary(i => i.Name, i => torch.randn(i.Shape.ToConcrete().Select(d => (long)d).Prepend(1).ToArray())));
        Assert.Equal(new long[] { 1, 3 }, outputs["channel_max"].shape);
    }

    [Fact]
    public void DecoderStepsWithBatchedCachesMatchOnnxRuntimePerSample()
    {
        var graph = Load("reasoning-arith");
        var sig = EdgeToolkit.Training.Reasoning.ReasoningConfig.ReadSignature(Config("reasoning-arith"), ModelPath("reasoning-arith"));
        string[] texts = { "47*38=673", "0012-0345", "9999+0001=0", "10*10=000+" };
        using var ort = new OrtSession(graph);
        using var scope = torch.NewDisposeScope();
        using var module = new GraphModule(graph);
        var tokens = texts.Select(EdgeToolkit.Training.Reasoning.ArithmeticVocabulary.Encode).ToArray();
        var states = sig.States.ToDictionary(s => s.Input, s => torch.zeros(graph.GetInfo(s.Input).Shape.ToConcrete().Select(d => (long)d).Prepend(texts.Length).ToArray()));
        var ortStates = texts.Select(_ => sig.States.ToDictionary(s => s.Input, s => Tensor.Zeros(DataType.Float32, graph.GetInfo(s.Input).Shape.ToConcrete()))).ToArray();
        for (int pos = 0; pos < 8; pos++)
        {
            var inputs = new Dictionary<string, torch.Tensor>(states)
            {
                [sig.TokenInput] = torch.tensor(tokens.Select(t => t[pos]).ToArray(), new long[] { texts.Length, 1 }),
                [sig.PositionInput] = torch.full(new long[] { texts.Length, 1 }, pos, torch.int64),
            };
            var outputs = module.Run(inputs);
            for (int i = 0; i < texts.Length; i++)
            {
                var ortInputs = new Dictionary<string, Tensor>(ortStates[i])
                {
                    [sig.TokenInput] = Tensor.FromInt64s(new[] { 1 }, new[] { tokens[i][pos] }),
                    [sig.PositionInput] = Tensor.FromInt64s(new[] { 1 }, new[] { (long)pos }),
                };
                var expected = ort.Run(ortInputs);
                foreach (var name in new[] { sig.LogitsOutput }.Concat(sig.States.Select(s => s.Output)))
                {
                    double diff = MaxAbsDiff(expected[name], Sample(outputs[name], i));
                    Assert.True(diff <= 1e-4, $"step {pos}, text {i}, '{name}': max |torch - ORT| = {diff:G3}");
                }
                foreach (var s in sig.States) ortStates[i][s.Input] = expected[s.Output];
            }
            foreach (var s in sig.States) states[s.Input] = outputs[s.Output];
        }
    }

    [Fact]
    public void WeightGradientMatchesFiniteDifferences()
    {
        TorchRuntime.Initialize(5);
        var graph = Load("control-msd");
        using var module = new GraphModule(graph);
        var x = torch.randn(8, 1, 7);
        double Loss() => module.Run(new Dictionary<string, torch.Tensor> { ["x"] = x })["y"].to_type(torch.float64).pow(2).sum().item<double>();
        var weight = module.ParameterOf("fc2.weight");
        using (torch.NewDisposeScope())
        {
            var y = module.Run(new Dictionary<string, torch.Tensor> { ["x"] = x })["y"];
            y.pow(2).sum().backward();
        }
        var gradient = weight.grad!.contiguous().data<float>().ToArray();
        int at = Enumerable.Range(0, gradient.Length).MaxBy(i => Math.Abs(gradient[i]));
        long row = at / weight.size(1), column = at % weight.size(1);
        const float step = 1e-3f;
        double Shifted(float delta)
        {
            using var _ = torch.no_grad();
            weight[row, column] = weight[row, column] + delta;
            double l = Loss();
            weight[row, column] = weight[row, column] - delta;
            return l;
        }
        double numeric = (Shifted(step) - Shifted(-step)) / (2 * step);
        Assert.True(Math.Abs(gradient[at]) > 1e-3, $"largest gradient {gradient[at]} is too small to check");
        Assert.True(Math.Abs(numeric - gradient[at]) <= 0.01 * Math.Abs(numeric), $"dL/dW[{row},{column}]: backward {gradient[at]}, finite differences {numeric}");
    }

    [Fact]
    public void WriteBackGivesTheEvaluatorTheTunedWeights()
    {
        TorchRuntime.Initialize(6);
        var graph = Load("control-msd");
        var target = graph.Clone();
        using var module = new GraphModule(graph);
        using (torch.no_grad()) module.ParameterOf("fc1.weight").add_(0.25f);
        var x = torch.randn(1, 1, 7);
        var tuned = Sample(module.Run(new Dictionary<string, torch.Tensor> { ["x"] = x })["y"], 0);
        var input = new Dictionary<string, Tensor> { ["x"] = Sample(x, 0) };
        var before = Evaluator.Run(target, input)["y"];
        module.WriteBack(target);
        var after = Evaluator.Run(target, input)["y"];
        Assert.True(MaxAbsDiff(before, tuned) > 1e-2, "the weight change did not move the output");
        Assert.True(MaxAbsDiff(after, tuned) <= 1e-5, $"after write-back the evaluator gives {string.Join(", ", after.Floats)}, torch {string.Join(", ", tuned.Floats)}");
        Assert.Equal(0, MaxAbsDiff(before, Evaluator.Run(graph, input)["y"])); // the clone's source shares tensors and must keep its own
    }

    [Fact]
    public void WriteBackRefusesAGraphOfOtherShapesNamingTheInitializer()
    {
        var graph = Load("control-msd");
        using var module = new GraphModule(graph);
        var pruned = graph.Clone();
        pruned.Initializers["fc2.bias"] = Tensor.FromFloats(new[] { 16 }, new float[16]);
        var original = pruned.Initializers["fc1.weight"];
        var e = Assert.Throws<EdgeToolkitException>(() => module.WriteBack(pruned));
        Assert.Contains("'fc2.bias'", e.Message);
        Assert.Same(original, pruned.Initializers["fc1.weight"]);
    }

    [Fact]
    public void ParametersAreTheFloatWeightsButNotRunningStatisticsOrConstants()
    {
        using var cnn = new GraphModule(Load("fashion-cnn"));
        Assert.Contains("conv1.weight", cnn.ParameterNames);
        Assert.Contains("bn1.weight", cnn.ParameterNames);
        Assert.Contains("bn1.bias", cnn.ParameterNames);
        Assert.DoesNotContain("bn1.running_mean", cnn.ParameterNames);
        Assert.DoesNotContain("bn1.running_var", cnn.ParameterNames);
        using var decoder = new GraphModule(Load("reasoning-arith"));
        Assert.Contains("tok.weight", decoder.ParameterNames);
        Assert.Contains("layer2.fc1.weight_t", decoder.ParameterNames);
        Assert.DoesNotContain("q_scale", decoder.ParameterNames);      // float scalar
        Assert.DoesNotContain("cache_rows", decoder.ParameterNames);   // int64 index constant
        Assert.Equal(decoder.ParameterNames.Count, decoder.parameters().Count());
        Assert.All(decoder.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void UnsupportedNamesTheFirstNodeWithoutARule()
    {
        var graph = Load("control-msd");
        Assert.Null(GraphModule.Unsupported(graph));
        graph.Nodes.Insert(2, new Node("odd_one", "Hardmax", new[] { "act1_out" }, new[] { "odd_out" }));
        graph.Nodes.Add(new Node("later_one", "TopK", new[] { "y" }, new[] { "top" }));
        var reason = GraphModule.Unsupported(graph);
        Assert.NotNull(reason);
        Assert.Contains("'odd_one'", reason);
        Assert.Contains("Hardmax", reason);
        var e = Assert.Throws<EdgeToolkitException>(() => new GraphModule(graph));
        Assert.True(e.Unsupported);
        Assert.Equal("odd_one", e.NodeName);
    }

    [Fact]
    public void ModuleOutlivesTheDisposeScopeItWasBuiltIn()
    {
        var graph = Load("control-msd");
        GraphModule module;
        using (torch.NewDisposeScope()) module = new GraphModule(graph);
        using (module)
        using (torch.NewDisposeScope())
        {
            var x = torch.randn(2, 1, 7);
            var y = module.Run(new Dictionary<string, torch.Tensor> { ["x"] = x })["y"];
            Assert.Equal(new long[] { 2, 1, 2 }, y.shape);
        }
    }
}
