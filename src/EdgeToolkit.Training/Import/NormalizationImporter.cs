using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Import;

/// <summary>BatchNormalization (inference form: scale, bias, running mean and variance) as nn.BatchNorm1d / nn.BatchNorm2d.</summary>
public sealed class NormalizationImporter : ILayerImporter
{
    public bool Handles(string opType) => opType == "BatchNormalization";

    public nn.Module<Tensor, Tensor> Import(ImportCursor cursor)
    {
        var node = cursor.Current;
        if (node.GetInt("training_mode", 0) != 0) throw ImportCursor.Unsupported(node, "training_mode=1");
        int rank = cursor.Shape(node.Inputs[0]).Length;
        var scale = cursor.Weight(node, 1);
        long channels = scale.Length;
        double eps = node.GetFloat("epsilon", 1e-5f);
        nn.Module<Tensor, Tensor> layer = rank switch
        {
            2 or 3 => nn.BatchNorm1d(channels, eps: eps),
            4 => nn.BatchNorm2d(channels, eps: eps),
            _ => throw ImportCursor.Unsupported(node, $"a rank-{rank} input (only 2-D to 4-D)"),
        };
        var bn = (BatchNorm)(object)layer;
        TorchImporter.CopyInto(bn.weight!, scale);
        TorchImporter.CopyInto(bn.bias!, cursor.Weight(node, 2));
        TorchImporter.CopyInto(bn.running_mean!, cursor.Weight(node, 3));
        TorchImporter.CopyInto(bn.running_var!, cursor.Weight(node, 4));
        return layer;
    }
}
