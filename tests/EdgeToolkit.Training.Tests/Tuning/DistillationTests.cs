using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Tuning.Objectives;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using Xunit.Abstractions;

namespace EdgeToolkit.Training.Tests.Tuning;

public class DistillationTests(ITestOutputHelper output)
{
    private static readonly DistillationInputs Random11 = new(null, "random uniform [-1, 1]");

    [Fact]
    public void PerturbedMsdModelDistilsBackTowardsTheOriginal()
    {
        TorchRuntime.Initialize(1);
        var (teacher, _, _) = ZooModels.Load("control-msd");
        var student = ZooModels.Perturbed(teacher, 0.3, 5);
        double before = RmsGap(student, teacher, seed: 99);

        using var module = new GraphModule(student);
        var objective = TuningObjectives.For(student, null, teacher, Random11, 1);
        Assert.Contains("random uniform [-1, 1]", objective.Description);
        FineTuner.Run(module, objective, new FineTuneSettings(600), NullTrainingProgress.Instance);
        module.WriteBack(student);
        double after = RmsGap(student, teacher, seed: 99);

        output.WriteLine($"msd distilled on random inputs: RMS gap to the teacher {before:G3} -> {after:G3}");
        Assert.True(after < before / 10, $"output gap to the teacher on fresh inputs: {before:G3} before, {after:G3} after");
    }

    [Fact]
    public void EachOutputIsWeighedByTheTeachersVarianceOfIt()
    {
        TorchRuntime.Initialize(1);
        float[] w = { 0.5f, -1, 2, 0.25f, 1, 1, -0.5f, 3 };
        float[] x = { 1, -2 };
        var teacher = TwoScales(w);
        var student = TwoScales(w.Select(v => 1.1f * v).ToArray());
        var sample = new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1, 2 }, x) };
        var objective = new DistillationObjective(student, teacher, new DistillationInputs(new[] { sample }, "one sample"), 1);

        // By hand: y = x · W (4 values); the large output is 1000 y. Both are 10% off, so once each
        // is divided by its variance (over the 256 identical rows the variance is measured on) the
        // two terms are equal and the loss is 0.01 · mean(y²) / var(y).
        var y = Enumerable.Range(0, 4).Select(j => (double)x[0] * w[j] + x[1] * w[4 + j]).ToArray();
        double mean = y.Average();
        double variance = 256 * y.Sum(v => (v - mean) * (v - mean)) / (256 * 4 - 1);
        double expected = 0.01 * y.Average(v => v * v) / variance;

        using var module = new GraphModule(student);
        using var _ = torch.no_grad();
        double loss = objective.Loss(module, new Random(1)).item<float>();
        Assert.Equal(expected, loss, expected * 1e-3);
    }

    [Fact]
    public void IntegerInputsNeedCalibrationData()
    {
        var b = new GraphBuilder("lookup");
        var token = b.Input("token", DataType.Int64, 1);
        var table = b.Constant("table", Tensor.FromFloats(new[] { 4, 3 }, new float[12]));
        b.Output(b.Op("Gather", new[] { table, token }));
        var e = Assert.Throws<EdgeToolkitException>(() => TuningObjectives.For(b.Graph, null, b.Graph, Random11, 1));
        Assert.Contains("'token'", e.Message);
        Assert.Contains("--calibration", e.Message);
    }

    [Fact]
    public void SymbolicInputDimensionsMustBePinned()
    {
        var b = new GraphBuilder("free_batch");
        var x = b.Input("x", DataType.Float32, new SymShape(new[] { Dim.Sym("N"), Dim.Of(2) }));
        var w = b.Constant("w", Tensor.FromFloats(new[] { 2, 2 }, new float[] { 1, 2, 3, 4 }));
        b.Output(b.Op("MatMul", new[] { x, w }));
        var e = Assert.Throws<EdgeToolkitException>(() => TuningObjectives.For(b.Graph, null, b.Graph, Random11, 1));
        Assert.Contains("'x'", e.Message);
        Assert.Contains("--shape x=1x2", e.Message);
    }

    [Fact]
    public void SamplesMustFeedEveryInput()
    {
        var teacher = TwoScales(new float[8]);
        var wrong = new Dictionary<string, Tensor> { ["image"] = Tensor.FromFloats(new[] { 1, 2 }, new float[2]) };
        var e = Assert.Throws<EdgeToolkitException>(() => TuningObjectives.For(teacher, null, teacher, new DistillationInputs(new[] { wrong }, "a folder"), 1));
        Assert.Contains("'x'", e.Message);
    }

    /// <summary>x [1, 2] -> y = x · W [1, 4] and big = 1000 y: two outputs three orders of magnitude apart.</summary>
    private static ModelGraph TwoScales(float[] w)
    {
        var b = new GraphBuilder("two_scales");
        var x = b.Input("x", DataType.Float32, 1, 2);
        var y = b.Op("MatMul", new[] { x, b.Constant("w", Tensor.FromFloats(new[] { 2, 4 }, w)) });
        var big = b.Op("Mul", new[] { y, b.Constant("thousand", Tensor.Scalar(1000f)) });
        b.Output(y).Output(big);
        return b.Graph;
    }

    /// <summary>RMS over 500 fresh uniform [-1, 1] inputs of the student's output minus the teacher's, through ONNX Runtime.</summary>
    private static double RmsGap(ModelGraph student, ModelGraph teacher, int seed)
    {
        var rng = new Random(seed);
        var input = teacher.Inputs[0];
        var shape = input.Shape.ToConcrete();
        using var s = new OrtSession(student);
        using var t = new OrtSession(teacher);
        double sum = 0; long count = 0;
        for (int i = 0; i < 500; i++)
        {
            var x = new Dictionary<string, Tensor> { [input.Name] = Tensor.FromFloats(shape, Enumerable.Range(0, shape.Aggregate(1, (a, d) => a * d)).Select(_ => 2 * rng.NextSingle() - 1).ToArray()) };
            var a = s.Run(x)[teacher.Outputs[0].Name].Floats;
            var b = t.Run(x)[teacher.Outputs[0].Name].Floats;
            for (int j = 0; j < a.Length; j++) { sum += (a[j] - b[j]) * (a[j] - b[j]); count++; }
        }
        return Math.Sqrt(sum / count);
    }
}
