using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;
using EdgeToolkit.Tflite.Tests.Models;
using EdgeToolkit.Tflite.Tests.Writer;

namespace EdgeToolkit.Tflite.Tests;

/// <summary>What a user sees for files the importer cannot take: one BadInput error naming the file (and the operator), never a crash.</summary>
public class BadModelTests
{
    private const string File = "model.tflite";

    private static EdgeToolkitException Fails(byte[] bytes)
    {
        var e = Assert.Throws<EdgeToolkitException>(() => TfliteImporter.Load(bytes, File));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(File, e.File);
        return e;
    }

    [Fact]
    public void Empty_and_foreign_files_are_not_tflite_models()
    {
        Assert.Contains("not a TensorFlow Lite model", Fails(Array.Empty<byte>()).Message);
        var onnxLike = new byte[64];
        new Random(1).NextBytes(onnxLike);
        Assert.Contains("TFL3", Fails(onnxLike).Message);
    }

    [Fact]
    public void Every_truncation_of_a_model_is_a_clear_error()
    {
        var model = TestModels.Int8Cnn();
        for (int length = 8; length < model.Length; length += 13)
        {
            var e = Fails(model[..length]);
            Assert.Matches("truncated or corrupt|not a TensorFlow Lite model", e.Message);
        }
    }

    [Fact]
    public void Corrupted_bytes_load_or_fail_with_a_clear_error()
    {
        var model = TestModels.Int8Cnn();
        var rng = new Random(5);
        int failures = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])model.Clone();
            for (int k = 0; k < 4; k++) bytes[rng.Next(8, bytes.Length)] = (byte)rng.Next(256);
            try { TfliteImporter.Load(bytes, File); }
            catch (EdgeToolkitException e) when (e.Kind == ErrorKind.BadInput && e.File == File) { failures++; }
        }
        Assert.True(failures > 0, "no corruption was detected at all");
    }

    [Fact]
    public void An_unmapped_op_is_named_with_its_operator_index()
    {
        var m = new TfliteModelBuilder();
        int x = m.Tensor("x", new[] { 1, 4 }, TensorType.Float32), r = m.Tensor("r", new[] { 1, 4 }, TensorType.Float32);
        int y = m.Tensor("y", new[] { 1, 4 }, TensorType.Float32);
        m.Operator(BuiltinOperator.RELU, new[] { x }, new[] { r });
        m.Operator(BuiltinOperator.FLOOR, new[] { r }, new[] { y });
        m.Inputs(x); m.Outputs(y);
        var e = Fails(m.Build());
        Assert.True(e.Unsupported);
        Assert.Equal("operator 1", e.NodeName);
        Assert.Equal("FLOOR", e.Op);
        Assert.Contains("CONV_2D", e.Hint);   // says what is mapped
    }

    [Fact]
    public void A_custom_op_is_refused_by_its_name()
    {
        var m = new TfliteModelBuilder();
        int x = m.Tensor("x", new[] { 1, 4 }, TensorType.Float32), y = m.Tensor("y", new[] { 1, 4 }, TensorType.Float32);
        m.CustomOperator("TFLite_Detection_PostProcess", new[] { x }, new[] { y });
        m.Inputs(x); m.Outputs(y);
        var e = Fails(m.Build());
        Assert.Equal("operator 0", e.NodeName);
        Assert.Contains("TFLite_Detection_PostProcess", e.Message);
    }

    [Fact]
    public void Several_subgraphs_and_dynamic_shapes_are_refused()
    {
        var m = Relu(new[] { 1, 4 }, null);
        m.SubgraphCopies = 2;
        Assert.Contains("2 subgraphs", Fails(m.Build()).Message);
        Assert.Contains("dynamic dimension 1", Fails(Relu(new[] { 1, 4 }, new[] { 1, -1 }).Build()).Message);
        // A dynamic batch alone is compiled at the stored size, as TFLite Micro runs it.
        var graph = TfliteImporter.Load(Relu(new[] { 1, 4 }, new[] { -1, 4 }).Build(), File);
        Assert.Equal("[1x4]", graph.Inputs[0].Shape.ToString());
    }

    private static TfliteModelBuilder Relu(int[] shape, int[]? signature)
    {
        var m = new TfliteModelBuilder();
        int x = m.Tensor("x", shape, TensorType.Float32, shapeSignature: signature), y = m.Tensor("y", shape, TensorType.Float32);
        m.Operator(BuiltinOperator.RELU, new[] { x }, new[] { y });
        m.Inputs(x); m.Outputs(y);
        return m;
    }
}
