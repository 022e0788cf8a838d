using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Import;

/// <summary>Relu, LeakyRelu, Tanh, Sigmoid; Identity and inference Dropout as nn.Identity.</summary>
public sealed class ActivationImporter : ILayerImporter
{
    public bool Handles(string opType) => opType is "Relu" or "LeakyRelu" or "Tanh" or "Sigmoid" or "Identity" or "Dropout";

    public nn.Module<Tensor, Tensor> Import(ImportCursor cursor)
    {
        var node = cursor.Current;
        return node.OpType switch
        {
            "Relu" => nn.ReLU(),
            "LeakyRelu" => nn.LeakyReLU(node.GetFloat("alpha", 0.01f)),
            "Tanh" => nn.Tanh(),
            "Sigmoid" => nn.Sigmoid(),
            _ => nn.Identity(),
        };
    }
}
