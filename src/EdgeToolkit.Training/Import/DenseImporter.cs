using EdgeToolkit.Graph;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Import;

/// <summary>Gemm (alpha, beta, transB; transA=0), and MatMul by a constant optionally followed by Add of a constant bias, as nn.Linear.</summary>
public sealed class DenseImporter : ILayerImporter
{
    public bool Handles(string opType) => opType is "Gemm" or "MatMul";

    public nn.Module<Tensor, Tensor> Import(ImportCursor cursor)
    {
        var node = cursor.Current;
        var w = cursor.Weight(node, 1);
        if (w.Rank != 2) throw ImportCursor.Unsupported(node, $"weight of rank {w.Rank} (only 2-D)");
        float alpha = 1, beta = 1;
        bool transB = false;
        EdgeToolkit.Graph.Tensor? bias;
        if (node.OpType == "Gemm")
        {
            if (node.GetInt("transA", 0) != 0) throw ImportCursor.Unsupported(node, "transA=1");
            alpha = node.GetFloat("alpha", 1); beta = node.GetFloat("beta", 1);
            transB = node.GetInt("transB", 0) != 0;
            bias = cursor.OptionalWeight(node, 2);
        }
        else
        {
            var add = cursor.TakeNext("Add");
            bias = add == null ? null : cursor.Weight(add, add.Inputs[0] == node.Outputs[0] ? 1 : 0);
        }
        long inFeatures = transB ? w.Shape[1] : w.Shape[0], outFeatures = transB ? w.Shape[0] : w.Shape[1];
        var linear = nn.Linear(inFeatures, outFeatures, hasBias: bias != null);
        // nn.Linear keeps [out, in]; Gemm without transB and MatMul store [in, out].
        using (var weight = torch.tensor(w.ToFloatArray(), w.Shape.Select(d => (long)d).ToArray()))
        using (var oriented = transB ? weight.clone() : weight.t().contiguous())
            linear.weight!.copy_(oriented * alpha);
        if (bias != null)
        {
            if (bias.Length != outFeatures && bias.Length != 1) throw ImportCursor.Unsupported(node, $"bias of {bias.Length} values for {outFeatures} outputs");
            var values = bias.ToFloatArray();
            var full = Enumerable.Range(0, (int)outFeatures).Select(i => values[bias.Length == 1 ? 0 : i] * beta).ToArray();
            using var b = torch.tensor(full);
            linear.bias!.copy_(b);
        }
        return linear;
    }
}
