using EdgeToolkit.Graph;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;
using GraphTensor = EdgeToolkit.Graph.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// Moving batches between an objective's row-per-sample data and a GraphModule, whose inputs and
/// outputs carry the graph's own (often batch-1) shape behind the extra batch dimension.
/// </summary>
internal static class GraphBatches
{
    /// <summary>Rows [B, n] as the batched input [B, ...input's own shape] (n must be its element count).</summary>
    public static Tensor AsInput(ValueInfo input, Tensor rows) =>
        rows.reshape(new[] { rows.shape[0] }.Concat(input.Shape.ToConcrete().Select(d => (long)d)).ToArray());

    /// <summary>A batched output [B, ...] as rows [B, n].</summary>
    public static Tensor AsRows(Tensor output) => output.reshape(output.shape[0], -1);

    /// <summary>`batch` indices into [0, available), drawn with replacement by rng (so the tuner's seed decides every batch).</summary>
    public static Tensor DrawIndices(Random rng, long available, int batch)
    {
        var idx = new long[batch];
        for (int i = 0; i < batch; i++) idx[i] = rng.NextInt64(available);
        return tensor(idx);
    }

    /// <summary>A graph tensor as a torch tensor of the same element type and shape.</summary>
    public static Tensor ToTorch(GraphTensor t)
    {
        var shape = t.Shape.Select(d => (long)d).ToArray();
        return t.Type switch
        {
            DataType.Float32 => tensor(t.Floats, shape),
            DataType.Int64 => tensor(t.Int64s, shape),
            DataType.Int32 => tensor(t.Int32s, shape),
            DataType.Bool => tensor(t.Bools, shape),
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"fine-tuning takes float32, int64, int32 or bool inputs, not {t.Type.OnnxName()}"),
        };
    }
}
