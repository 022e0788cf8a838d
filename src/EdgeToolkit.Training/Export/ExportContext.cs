using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using TorchSharp;

namespace EdgeToolkit.Training.Export;

/// <summary>The graph under construction and helpers to copy weights out of libtorch.</summary>
public sealed class ExportContext
{
    public GraphBuilder Builder { get; }
    public ExportContext(GraphBuilder builder) { Builder = builder; }

    /// <summary>Adds a parameter (or buffer) as a float32 initializer named after the layer.</summary>
    public string Weight(string name, torch.Tensor t) => Builder.Constant(name, ToGraphTensor(t));

    /// <summary>A float32 constant built on the host (reshape targets, scales...).</summary>
    public string Constant(string name, Tensor t) => Builder.Constant(name, t);

    public static Tensor ToGraphTensor(torch.Tensor t)
    {
        using var c = t.detach().cpu().contiguous().to(torch.ScalarType.Float32);
        return Tensor.FromFloats(c.shape.Select(d => (int)d).ToArray(), c.data<float>().ToArray());
    }

    /// <summary>A float32 graph tensor as a libtorch tensor (import direction).</summary>
    public static torch.Tensor ToTorch(Tensor t) =>
        torch.tensor(t.ToFloatArray(), t.Shape.Select(d => (long)d).ToArray());
}
