using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>Small float models for the dense tests (seeded weights), besides the built-in example MLPs.</summary>
public static class DenseModels
{
    /// <summary>x [2, 3, 8] -> MatMul [8, 6] -> Relu -> MatMul [6, 5] -> Sigmoid: rank-3 rows, no biases.</summary>
    public static ModelGraph MatMulChain()
    {
        var rng = new Random(3);
        var b = new GraphBuilder("matmul_chain");
        var x = b.Input("x", DataType.Float32, 2, 3, 8);
        x = b.OpNamed("mm1", "MatMul", new[] { x, b.Constant("w1", ExampleModels.Glorot(rng, new[] { 8, 6 }, 8, 6)) });
        x = b.OpNamed("relu", "Relu", new[] { x });
        x = b.OpNamed("mm2", "MatMul", new[] { x, b.Constant("w2", ExampleModels.Glorot(rng, new[] { 6, 5 }, 6, 5)) });
        x = b.OpNamed("sig", "Sigmoid", new[] { x });
        b.Output(b.Rename(x, "y"));
        return b.Graph;
    }

    /// <summary>x [4, 10] -> Gemm (W [K, N], transB = 0) -> Clip(0, 6) -> Gemm -> LeakyRelu -> Gemm: odd widths.</summary>
    public static ModelGraph GemmClipLeaky()
    {
        var rng = new Random(4);
        var b = new GraphBuilder("gemm_clip_leaky");
        var x = b.Input("x", DataType.Float32, 4, 10);
        x = Gemm(b, rng, "fc1", x, 10, 13);
        x = b.OpNamed("clip", "Clip", new[] { x, b.Constant("lo", Tensor.Scalar(0f)), b.Constant("hi", Tensor.Scalar(0.5f)) });
        x = Gemm(b, rng, "fc2", x, 13, 7);
        x = b.OpNamed("leaky", "LeakyRelu", new[] { x }, NodeAttribute.Of("alpha", 0.2f));
        x = Gemm(b, rng, "fc3", x, 7, 3);
        b.Output(b.Rename(x, "y"));
        return b.Graph;
    }

    /// <summary>x [2, 16] -> Relu -> Erf -> Exp -> Softplus -> HardSigmoid -> Clip(0.55, 0.7) -> Sigmoid: each a QLookup once quantized.</summary>
    public static ModelGraph ElementwiseChain()
    {
        var b = new GraphBuilder("elementwise_chain");
        var x = b.Input("x", DataType.Float32, 2, 16);
        foreach (var op in new[] { "Relu", "Erf", "Exp", "Softplus", "HardSigmoid" }) x = b.OpNamed(op.ToLowerInvariant(), op, new[] { x });
        x = b.OpNamed("clip", "Clip", new[] { x, b.Constant("lo", Tensor.Scalar(0.55f)), b.Constant("hi", Tensor.Scalar(0.7f)) });
        x = b.OpNamed("sigmoid", "Sigmoid", new[] { x });
        b.Output(b.Rename(x, "y"));
        return b.Graph;
    }

    private static string Gemm(GraphBuilder b, Random rng, string name, string x, int k, int n) =>
        b.OpNamed(name, "Gemm", new[] { x, b.Constant(name + ".w", ExampleModels.Glorot(rng, new[] { k, n }, k, n)),
            b.Constant(name + ".b", ExampleModels.Uniform(rng, new[] { n }, 0.2f)) });
}
