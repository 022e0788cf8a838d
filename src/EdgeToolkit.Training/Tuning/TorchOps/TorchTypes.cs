using EdgeToolkit.Graph;
using static TorchSharp.torch;
using GraphTensor = EdgeToolkit.Graph.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>Element types and tensors between the graph and torch.</summary>
public static class TorchTypes
{
    /// <summary>The torch type of a graph type, or null when torch has none the rules use.</summary>
    public static ScalarType? Of(DataType t) => t switch
    {
        DataType.Float32 => ScalarType.Float32,
        DataType.Float64 => ScalarType.Float64,
        DataType.Float16 => ScalarType.Float16,
        DataType.Int8 => ScalarType.Int8,
        DataType.UInt8 => ScalarType.Byte,
        DataType.Int16 => ScalarType.Int16,
        DataType.Int32 => ScalarType.Int32,
        DataType.Int64 => ScalarType.Int64,
        DataType.Bool => ScalarType.Bool,
        _ => null,
    };

    /// <summary>A new torch tensor holding a copy of a graph tensor's values.</summary>
    public static TorchTensor ToTorch(GraphTensor t)
    {
        var shape = t.Shape.Select(d => (long)d).ToArray();
        return t.Type switch
        {
            DataType.Float32 => tensor(t.Floats, shape),
            DataType.Float64 => tensor((double[])t.Data, shape),
            DataType.Int8 => tensor((sbyte[])t.Data, shape),
            DataType.UInt8 => tensor(t.UInt8s, shape),
            DataType.Int16 => tensor(t.Int16s, shape),
            DataType.Int32 => tensor(t.Int32s, shape),
            DataType.Int64 => tensor(t.Int64s, shape),
            DataType.Bool => tensor(t.Bools, shape),
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"a {t.Type.OnnxName()} tensor has no torch counterpart here") { Unsupported = true },
        };
    }

    /// <summary>The values of a float32 torch tensor as a graph tensor.</summary>
    public static GraphTensor FloatsOf(TorchTensor t) =>
        GraphTensor.FromFloats(t.shape.Select(d => (int)d).ToArray(), t.detach().cpu().contiguous().data<float>().ToArray());
}
