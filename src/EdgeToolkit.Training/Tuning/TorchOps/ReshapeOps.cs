using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Reshape with a constant target shape: 0 copies the input's dim (unless allowzero=1), one -1
/// is inferred; batched values keep B in front.
/// </summary>
public sealed class ReshapeOp : ITorchOp
{
    public string OpType => "Reshape";

    public TorchKernel Compile(TorchNode node)
    {
        var target = node.ConstantInts(1, "shape") ?? throw node.Unsupported("Reshape needs a shape");
        bool allowZero = node.Node.GetInt("allowzero", 0) != 0;
        int shift = node.Shift(0);
        var copied = allowZero ? Array.Empty<int>() : Enumerable.Range(0, target.Length).Where(i => target[i] == 0).ToArray();
        // One buffer reused by every call: only B and the copied dims change.
        var shape = new long[target.Length + shift];
        target.CopyTo(shape, shift);
        return inputs =>
        {
            var x = inputs[0]!;
            if (shift == 1) shape[0] = x.size(0);
            foreach (int i in copied) shape[i + shift] = x.size(i + shift);
            return x.reshape(shape);
        };
    }
}

/// <summary>Flatten: [d0..dn] to [d0*..*d(axis-1), d(axis)*..*dn]; axis in [-r, r].</summary>
public sealed class FlattenOp : ITorchOp
{
    public string OpType => "Flatten";

    public TorchKernel Compile(TorchNode node)
    {
        long attribute = node.Node.GetInt("axis", 1);
        int shift = node.Shift(0);
        return inputs =>
        {
            var x = inputs[0]!;
            int rank = Batched.Rank(x, shift == 1);
            long axis = attribute < 0 ? attribute + rank : attribute;
            if (axis < 0 || axis > rank) throw node.Unsupported($"axis {attribute} is out of range for rank {rank}");
            long outer = 1;
            for (int i = 0; i < axis; i++) outer *= x.size(i + shift);
            return shift == 1 ? x.reshape(x.size(0), outer, -1) : x.reshape(outer, -1);
        };
    }
}

/// <summary>Unsqueeze: size-1 axes at the listed positions of the output (attribute before opset 13, constant input from 13).</summary>
public sealed class UnsqueezeOp : ITorchOp
{
    public string OpType => "Unsqueeze";

    public TorchKernel Compile(TorchNode node)
    {
        var axes = node.ConstantInts(1, "axes") ?? throw node.Unsupported("Unsqueeze needs axes");
        bool batched = node.IsBatched(0);
        return inputs =>
        {
            var x = inputs[0]!;
            int rank = Batched.Rank(x, batched) + axes.Length;
            // Ascending, so that each inserted axis lands where the output has it.
            foreach (var dim in axes.Select(a => Batched.Axis(a, rank, batched, node)).Order()) x = x.unsqueeze(dim);
            return x;
        };
    }
}

/// <summary>Squeeze: removes the listed size-1 axes, or every size-1 axis of the graph's shape (never B) when none are listed.</summary>
public sealed class SqueezeOp : ITorchOp
{
    public string OpType => "Squeeze";

    public TorchKernel Compile(TorchNode node)
    {
        var axes = node.ConstantInts(1, "axes");
        bool batched = node.IsBatched(0);
        int shift = node.Shift(0);
        return inputs =>
        {
            var x = inputs[0]!;
            int rank = Batched.Rank(x, batched);
            var dims = axes != null
                ? axes.Select(a => Batched.Axis(a, rank, batched, node)).ToArray()
                : Enumerable.Range(shift, rank).Where(d => x.size(d) == 1).Select(d => (long)d).ToArray();
            // Descending, so that removing one axis does not move the next.
            foreach (var dim in dims.OrderDescending()) x = x.squeeze(dim);
            return x;
        };
    }
}
