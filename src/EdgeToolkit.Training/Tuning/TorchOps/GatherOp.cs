using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Gather along an axis: output = data[:axis] + indices.shape + data[axis+1:]; negative indices
/// count from the end. Batched indices into constant data (an embedding lookup) put B in front;
/// a constant scalar index into a batched value (a layer of a stacked cache) is a view.
/// </summary>
public sealed class GatherOp : ITorchOp
{
    public string OpType => "Gather";

    public TorchKernel Compile(TorchNode node)
    {
        long axis = node.Node.GetInt("axis", 0);
        bool batchedData = node.IsBatched(0), batchedIndices = node.IsBatched(1);
        if (batchedData && batchedIndices)
            throw node.Unsupported("Gather with both the data and the indices computed from the inputs is not supported");
        if (node.Constant(1) is { Rank: 0 } scalar)
        {
            long index = scalar.GetInt64(0);
            return inputs =>
            {
                var data = inputs[0]!;
                int dim = (int)Batched.Axis(axis, Batched.Rank(data, batchedData), batchedData, node);
                return data.select(dim, index < 0 ? index + data.size(dim) : index);
            };
        }
        return inputs =>
        {
            Tensor data = inputs[0]!, indices = inputs[1]!;
            int dim = (int)Batched.Axis(axis, Batched.Rank(data, batchedData), batchedData, node);
            var positive = where(indices.lt(0), indices.add(data.size(dim)), indices);
            var dataShape = data.shape;
            var shape = dataShape[..dim].Concat(indices.shape).Concat(dataShape[(dim + 1)..]).ToArray();
            var gathered = data.index_select(dim, positive.flatten()).reshape(shape);
            // Batched indices into unbatched data: B sits where the axis was; the result carries it first.
            return batchedIndices && dim > 0 ? movedim(gathered, dim, 0) : gathered;
        };
    }
}
