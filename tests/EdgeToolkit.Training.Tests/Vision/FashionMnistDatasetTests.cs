using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Vision;

namespace EdgeToolkit.Training.Tests.Vision;

public class FashionMnistDatasetTests
{
    [Fact]
    public void ScoresEveryTestImageInOneBackendCall()
    {
        var labels = FashionMnist.Load("t10k").Labels;
        // A backend that knows the answers: right on every third image, wrong elsewhere.
        var backend = new ScriptedBackend(i => i % 3 == 0 ? labels[i] : (labels[i] + 1) % 10);
        var result = new FashionMnistDataset().Evaluate(Context(backend, limit: null));

        Assert.Equal(1, backend.Calls);
        Assert.Equal(10_000, backend.CaseCount);
        Assert.Equal(10_000, result.Samples);
        Assert.Equal(3334 / 10_000.0, result.Value, 12);
        Assert.Equal("accuracy", result.Metric);
        double class9 = Enumerable.Range(0, 10_000).Count(i => labels[i] == 9 && i % 3 == 0) / 1000.0;
        Assert.Equal(class9, result.Details["accuracy_class_9"], 12);
        // Inputs are the images scaled to [0, 1].
        Assert.Equal(FashionMnist.Load("t10k").Image(7), backend.SeenInput(7));
    }

    [Fact]
    public void SamplesDependOnTheTarget()
    {
        var d = new FashionMnistDataset();
        Assert.Equal(10_000, d.DefaultSamples("ort"));
        Assert.Equal(10_000, d.DefaultSamples("host"));
        Assert.Equal(200, d.DefaultSamples("cortex-m4"));
        var backend = new ScriptedBackend(_ => 0) { TargetName = "cortex-m4" };
        var result = d.Evaluate(Context(backend, limit: null));
        Assert.Equal(200, backend.CaseCount);
        Assert.Equal(200, result.Samples);
    }

    [Fact]
    public void RejectsAModelWithTheWrongInput()
    {
        var b = new GraphBuilder("wrong");
        b.Output(b.OpNamed("r", "Relu", new[] { b.Input("x", DataType.Float32, 1, 10) }));
        var e = Assert.Throws<EdgeToolkitException>(() => new FashionMnistDataset().Evaluate(new EvaluationContext
        {
            ModelPath = "wrong.onnx", Graph = b.Graph, Backend = new ScriptedBackend(_ => 0),
        }));
        Assert.Equal("wrong.onnx", e.File);
    }

    private static EvaluationContext Context(IInferenceBackend backend, int? limit)
    {
        var b = new GraphBuilder("classifier");
        var x = b.Input("image", DataType.Float32, 1, 1, 28, 28);
        b.Output(b.Rename(b.OpNamed("flat", "Flatten", new[] { x }), "logits"));
        return new EvaluationContext { ModelPath = "classifier.onnx", Graph = b.Graph, Backend = backend, Limit = limit };
    }

    private sealed class ScriptedBackend : IInferenceBackend
    {
        private readonly Func<int, int> _answer;
        private IReadOnlyList<IReadOnlyDictionary<string, Tensor>> _cases = Array.Empty<IReadOnlyDictionary<string, Tensor>>();
        public ScriptedBackend(Func<int, int> answer) { _answer = answer; }
        public string TargetName { get; init; } = "ort";
        public int Calls { get; private set; }
        public int CaseCount => _cases.Count;
        public float[] SeenInput(int i) => _cases[i]["image"].Floats;

        public string Target => TargetName;
        public string? Board => null;
        public IReadOnlyDictionary<string, double> Figures { get; } = new Dictionary<string, double>();

        public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Run(IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases)
        {
            Calls++;
            _cases = cases;
            return cases.Select((c, i) =>
            {
                Assert.Equal(new[] { 1, 1, 28, 28 }, c["image"].Shape);
                var logits = new float[10];
                logits[_answer(i)] = 1;
                return (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["logits"] = Tensor.FromFloats(new[] { 1, 10 }, logits) };
            }).ToList();
        }

        public IReadOnlyList<long[]> Generate(DecoderSignature signature, IReadOnlyList<long[]> prompts, int maxNewTokens) => throw new NotSupportedException();
    }
}
