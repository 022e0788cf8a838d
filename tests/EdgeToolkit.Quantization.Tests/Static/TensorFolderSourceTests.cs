using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Sources;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>Calibration inputs from TensorProto files laid out like ONNX test cases.</summary>
public class TensorFolderSourceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgetk-calib-" + Guid.NewGuid().ToString("N")[..8]);

    public TensorFolderSourceTests() { Directory.CreateDirectory(_dir); }
    public void Dispose() { Directory.Delete(_dir, recursive: true); }

    private static ModelGraph TwoInputs()
    {
        var b = new GraphBuilder("two");
        var a = b.Input("a", DataType.Float32, 1, 3);
        var c = b.Input("b", DataType.Float32, 1, 3);
        b.Output(b.Rename(b.OpNamed("add", "Add", new[] { a, c }), "y"));
        return b.Graph;
    }

    private static Tensor Row(params float[] v) => Tensor.FromFloats(new[] { 1, v.Length }, v);

    [Fact]
    public void SampleFoldersMatchTensorsByName()
    {
        for (int s = 0; s < 2; s++)
        {
            var d = Directory.CreateDirectory(Path.Combine(_dir, $"test_data_set_{s}")).FullName;
            // Files in the opposite order of the inputs: the names decide.
            TensorProtoFile.Write(Path.Combine(d, "input_0.pb"), "b", Row(s, s, s));
            TensorProtoFile.Write(Path.Combine(d, "input_1.pb"), "a", Row(10 + s, 0, 0));
            TensorProtoFile.Write(Path.Combine(d, "output_0.pb"), "y", Row(0, 0, 0));
        }
        var samples = new TensorFolderSource(_dir).Samples(TwoInputs(), 10).ToList();
        Assert.Equal(2, samples.Count);
        Assert.Equal(11f, samples[1]["a"].Floats[0]);
        Assert.Equal(1f, samples[1]["b"].Floats[0]);
    }

    [Fact]
    public void UnnamedFilesOfASingleInputModelAreOneSampleEachInFileOrder()
    {
        var g = TwoInputs();
        g.Inputs.RemoveAt(1);
        for (int i = 0; i < 12; i++) TensorProtoFile.Write(Path.Combine(_dir, $"input_{i}.pb"), "", Row(i, 0, 0));
        var samples = new TensorFolderSource(_dir).Samples(g, 5).ToList();
        Assert.Equal(new[] { 0f, 1f, 2f, 3f, 4f }, samples.Select(s => s["a"].Floats[0]));
    }

    [Fact]
    public void ATensorOfTheWrongShapeNamesItsFile()
    {
        TensorProtoFile.Write(Path.Combine(_dir, "input_0.pb"), "a", Tensor.FromFloats(new[] { 1, 4 }, new float[4]));
        var g = TwoInputs();
        g.Inputs.RemoveAt(1);
        var e = Assert.Throws<EdgeToolkitException>(() => new TensorFolderSource(_dir).Samples(g, 5).ToList());
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.EndsWith("input_0.pb", e.File);
        Assert.Contains("float[1x4]", e.Message);
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void AFolderWithoutPbFilesIsRefused()
    {
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "nothing here");
        var e = Assert.Throws<EdgeToolkitException>(() => new TensorFolderSource(_dir));
        Assert.Equal(_dir, e.File);
        Assert.Contains("no .pb", e.Message);
    }

    [Fact]
    public void RandomSourceIsSeededAndShapedLikeTheInputs()
    {
        var g = TwoInputs();
        var a = new RandomSource(4).Samples(g, 3).ToList();
        var b = new RandomSource(4).Samples(g, 3).ToList();
        Assert.Equal(3, a.Count);
        Assert.Equal(a[2]["b"].Floats, b[2]["b"].Floats);
        Assert.All(a, s => Assert.All(s.Values, t => { Assert.Equal(new[] { 1, 3 }, t.Shape); Assert.All(t.Floats, v => Assert.InRange(v, -1f, 1f)); }));
        Assert.True(new RandomSource(4).IsRandom);
    }
}
