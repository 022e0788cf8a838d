using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;

namespace EdgeToolkit.Training.Vision;

/// <summary>
/// `--dataset fashion-mnist`: top-1 accuracy on the Fashion-MNIST test images, fed as
/// 1x1x28x28 floats scaled to [0, 1] (pixel / 255); the class is the argmax of the first output.
/// </summary>
public sealed class FashionMnistDataset : IEvaluationDataset, ICalibrationSamples
{
    public const int TestImages = 10_000;

    public string Name => "fashion-mnist";
    public string Summary => "Fashion-MNIST test images (10,000, 28x28 grey, 10 classes): top-1 accuracy";
    public string Metric => "accuracy";
    public bool HigherIsBetter => true;

    /// <summary>All of them where inference is cheap; an emulated board gets a sample.</summary>
    public int DefaultSamples(string target) => target is "ort" or "host" ? TestImages : 200;

    /// <summary>Images of the 60,000-image training split, scaled like the test images.</summary>
    public IEnumerable<IReadOnlyDictionary<string, Tensor>> CalibrationInputs(ModelGraph graph, JsonObject? config, int count, int seed)
    {
        var input = CalibrationDraw.SingleInput(graph, Name);
        var train = FashionMnist.Load("train");
        foreach (var i in CalibrationDraw.Indices(train.Count, count, seed))
            yield return new Dictionary<string, Tensor> { [input.Name] = Tensor.FromFloats(CalibrationDraw.ShapeFor(input, ImageSet.PixelsPerImage), train.Image(i)) };
    }

    public EvaluationResult Evaluate(EvaluationContext context)
    {
        var test = FashionMnist.Load("t10k");
        int n = context.SampleCount(this, test.Count);
        var input = context.Graph.Inputs[0];
        if (input.Shape.ElementCount is not ImageSet.PixelsPerImage || input.Type != DataType.Float32)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"input '{input.Name}' is {input.Type.OnnxName()}{input.Shape}; Fashion-MNIST needs one float32 1x1x28x28 image",
                file: context.ModelPath, hint: "evaluate an image classifier with a 1x1x28x28 input, such as models/fashion-cnn");
        var shape = input.Shape.ToConcrete();
        var cases = Enumerable.Range(0, n)
            .Select(i => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { [input.Name] = Tensor.FromFloats(shape, test.Image(i)) })
            .ToList();
        context.Progress.Log($"fashion-mnist: running {n} test images on {context.Backend.Target}");
        var outputs = context.Backend.Run(cases);
        if (outputs.Count != n) throw new InvalidOperationException($"backend returned {outputs.Count} results for {n} cases");
        var outputName = context.Graph.Outputs[0].Name;
        var predictions = outputs.Select(o => (int)GreedyDecoding.ArgMax(o[outputName].ToFloatArray())).ToArray();
        var scores = ClassificationScores.Compute(predictions, test.Labels.AsSpan(0, n), FashionMnist.ClassNames.Length);
        var details = new Dictionary<string, double>();
        for (int c = 0; c < scores.PerClass.Length; c++) details[$"accuracy_class_{c}"] = scores.PerClass[c];
        return new EvaluationResult(Name, Metric, scores.Accuracy, n, details,
            Note: n < test.Count ? $"first {n} of {test.Count} test images" : null);
    }
}

/// <summary>Top-1 accuracy overall and per true class (NaN for a class with no sample).</summary>
public sealed record ClassificationScores(double Accuracy, double[] PerClass)
{
    public static ClassificationScores Compute(ReadOnlySpan<int> predictions, ReadOnlySpan<byte> labels, int classes)
    {
        var hits = new int[classes];
        var totals = new int[classes];
        for (int i = 0; i < predictions.Length; i++)
        {
            totals[labels[i]]++;
            if (predictions[i] == labels[i]) hits[labels[i]]++;
        }
        return new ClassificationScores((double)hits.Sum() / predictions.Length,
            hits.Select((h, c) => totals[c] == 0 ? double.NaN : (double)h / totals[c]).ToArray());
    }
}
