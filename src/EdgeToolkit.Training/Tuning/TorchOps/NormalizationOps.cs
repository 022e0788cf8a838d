using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// LayerNormalization (opset 17): normalizes over the dims from axis (default -1) to the end;
/// Scale and B broadcast to those dims.
/// </summary>
public sealed class LayerNormalizationOp : ITorchOp
{
    public string OpType => "LayerNormalization";

    public TorchKernel Compile(TorchNode node)
    {
        if (node.IsBatched(1) || node.IsBatched(2)) throw node.Unsupported("LayerNormalization with Scale or B computed from the inputs is not supported");
        if (node.Node.GetInt("stash_type", 1) != 1) throw node.Unsupported("stash_type other than 1 (float) is not supported");
        long axis = node.Node.GetInt("axis", -1);
        double epsilon = node.Node.GetFloat("epsilon", 1e-5f);
        bool batched = node.IsBatched(0);
        return inputs =>
        {
            var x = inputs[0]!;
            int from = (int)Batched.Axis(axis, Batched.Rank(x, batched), batched, node);
            var normalized = x.shape[from..];
            return nn.functional.layer_norm(x, normalized, Fit(inputs[1]!, normalized), inputs.Optional(2) is { } b ? Fit(b, normalized) : null, epsilon);
        };
    }

    /// <summary>torch wants Scale and B of exactly the normalized shape; ONNX lets them broadcast to it.</summary>
    private static Tensor Fit(Tensor t, long[] normalized) => t.shape.SequenceEqual(normalized) ? t : t.expand(normalized);
}

/// <summary>
/// BatchNormalization in inference form: per channel (graph axis 1), with the running mean and
/// variance as fixed statistics (not trained) and scale and bias trainable.
/// </summary>
public sealed class BatchNormalizationOp : ITorchOp
{
    public string OpType => "BatchNormalization";

    public bool IsFrozenInput(int index) => index is 3 or 4;

    public TorchKernel Compile(TorchNode node)
    {
        if (node.Node.GetInt("training_mode", 0) != 0)
            throw node.Unsupported("BatchNormalization with training_mode=1 is not supported", "export the model in eval mode");
        if (Enumerable.Range(1, 4).Any(node.IsBatched)) throw node.Unsupported("BatchNormalization with statistics computed from the inputs is not supported");
        if (node.Constant(1) is { Rank: not 1 } scale)
            throw node.Unsupported($"per-element statistics (scale of shape [{string.Join("x", scale.Shape)}], spatial=0) are not supported");
        double epsilon = node.Node.GetFloat("epsilon", 1e-5f);
        bool batched = node.IsBatched(0);
        return inputs =>
        {
            var x = inputs[0]!;
            var y = nn.functional.batch_norm(Batched.Fold(x, batched), inputs[3]!, inputs[4]!, inputs[1]!, inputs[2]!, training: false, eps: epsilon);
            return Batched.Unfold(y, x, batched);
        };
    }
}
