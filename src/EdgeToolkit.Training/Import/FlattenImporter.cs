using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Import;

/// <summary>Flatten(axis=1), and Reshape that keeps the batch and flattens the rest, as nn.Flatten.</summary>
public sealed class FlattenImporter : ILayerImporter
{
    public bool Handles(string opType) => opType is "Flatten" or "Reshape";

    public nn.Module<Tensor, Tensor> Import(ImportCursor cursor)
    {
        var node = cursor.Current;
        var input = cursor.Shape(node.Inputs[0]);
        var output = cursor.Shape(node.Outputs[0]);
        bool batchKept = output.Length == 2 && input.Length >= 2 && output[0] == input[0];
        if (node.OpType == "Flatten" && node.GetInt("axis", 1) is var axis && axis != 1 && !(axis == -(input.Length - 1) && batchKept))
            throw ImportCursor.Unsupported(node, $"axis={axis} (only 1: keep the batch, flatten the rest)");
        if (!batchKept) throw ImportCursor.Unsupported(node, $"a reshape from [{string.Join("x", input)}] to [{string.Join("x", output)}] (only to 2-D, keeping the batch)");
        return nn.Flatten();
    }
}
