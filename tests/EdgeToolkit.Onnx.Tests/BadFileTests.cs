using EdgeToolkit.Graph;
using Xunit.Abstractions;

namespace EdgeToolkit.Onnx.Tests;

public class BadFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgetk-badfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertBadInput(string path)
    {
        var e = Assert.Throws<EdgeToolkitException>(() => OnnxImporter.Load(path));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(path, e.File);
        Assert.Contains(path, e.Message);
        Assert.False(e.Unsupported);
    }

    [Fact]
    public void Empty_file() => AssertBadInput(Write("empty.onnx", Array.Empty<byte>()));

    [Fact]
    public void Missing_file()
    {
        var path = Path.Combine(_dir, "absent.onnx");
        AssertBadInput(path);
        Assert.Contains("not found", Assert.Throws<EdgeToolkitException>(() => OnnxImporter.Load(path)).Message);
    }

    [Fact]
    public void Text_file_is_not_a_model()
    {
        var path = Write("notes.onnx", "this is not a model\n"u8.ToArray());
        AssertBadInput(path);
        Assert.Contains("is not a valid ONNX model", Assert.Throws<EdgeToolkitException>(() => OnnxImporter.Load(path)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_bytes(int seed)
    {
        var bytes = new byte[1000 * seed];
        new Random(seed).NextBytes(bytes);
        AssertBadInput(Write($"random{seed}.onnx", bytes));
    }

    [Fact]
    public void Real_model_cut_at_every_eighth_of_its_length()
    {
        var source = TestData.Case(output, "node/test_conv_with_strides_padding");
        if (source == null) return;
        var full = File.ReadAllBytes(Path.Combine(source, "model.onnx"));
        for (int k = 1; k < 8; k++)
            AssertBadInput(Write($"cut{k}.onnx", full[..(full.Length * k / 8)]));
    }

    [Fact]
    public void Half_a_real_model()
    {
        var source = TestData.Case(output, "pytorch-converted/test_Conv2d");
        if (source == null) return;
        var full = File.ReadAllBytes(Path.Combine(source, "model.onnx"));
        var path = Write("half.onnx", full[..(full.Length / 2)]);
        AssertBadInput(path);
        Assert.Contains("is not a valid ONNX model", Assert.Throws<EdgeToolkitException>(() => OnnxImporter.Load(path)).Message);
    }

    /// <summary>Corrupted copies of real models (with subgraphs) load or fail as BadInput; nothing else escapes.</summary>
    [Theory]
    [InlineData("node/test_if")]
    [InlineData("node/test_loop11")]
    [InlineData("node/test_conv_with_strides_padding")]
    public void Corrupted_real_models_never_escape_as_other_exceptions(string relative)
    {
        var source = TestData.Case(output, relative);
        if (source == null) return;
        var original = File.ReadAllBytes(Path.Combine(source, "model.onnx"));
        var rng = new Random(42);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (int k = 0; k < 1 + trial % 4; k++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            try { OnnxImporter.Load(bytes, "fuzzed.onnx"); }
            catch (EdgeToolkitException e)
            {
                Assert.Equal(ErrorKind.BadInput, e.Kind);
                Assert.Equal("fuzzed.onnx", e.File);
                refused++;
            }
        }
        output.WriteLine($"{relative}: {refused} of 300 corrupted copies refused, the rest still loaded");
    }

    [Fact]
    public void A_folder_instead_of_a_file_says_so()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => OnnxImporter.Load(_dir));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("folder", e.Message);
    }
}
