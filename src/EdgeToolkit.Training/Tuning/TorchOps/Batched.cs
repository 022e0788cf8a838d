using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// The vmap rules shared by the ops: a batched tensor is [B, graph shape...], an unbatched one
/// has the graph's shape. Axes of the graph shift by one on batched tensors.
/// </summary>
internal static class Batched
{
    /// <summary>The rank the graph sees.</summary>
    public static int Rank(Tensor t, bool batched) => (int)t.dim() - (batched ? 1 : 0);

    /// <summary>A graph axis (negative counts from the end) as a dim of the torch tensor.</summary>
    public static long Axis(long axis, int rank, bool batched, TorchNode node, string what = "axis")
    {
        if (axis < -rank || axis >= rank) throw node.Unsupported($"{what} {axis} is out of range for rank {rank}");
        return (axis < 0 ? axis + rank : axis) + (batched ? 1 : 0);
    }

    /// <summary>
    /// Gives a batched operand the given graph rank by inserting ones after the batch dim, so that
    /// torch's broadcasting (which aligns trailing dims) broadcasts each sample as ONNX would and
    /// never lines B up with a dim of another operand. Unbatched operands need nothing: torch
    /// prepends their missing dims, in front of B.
    /// </summary>
    public static Tensor Lift(Tensor t, bool batched, int rank)
    {
        if (!batched) return t;
        while (t.dim() - 1 < rank) t = t.unsqueeze(1);
        return t;
    }

    /// <summary>An unbatched value repeated B times (a view), for ops that cannot broadcast (Concat).</summary>
    public static Tensor Expand(Tensor t, long batch)
    {
        var sizes = new long[t.dim() + 1];
        Array.Fill(sizes, -1L);
        sizes[0] = batch;
        return t.unsqueeze(0).expand(sizes);
    }

    /// <summary>Folds the batch dim into the first graph dim ([B, N, ...] to [B*N, ...]) for ops of fixed rank (Conv, pools).</summary>
    public static Tensor Fold(Tensor t, bool batched) => batched ? t.flatten(0, 1) : t;

    /// <summary>Undoes Fold on the result.</summary>
    public static Tensor Unfold(Tensor result, Tensor input, bool batched) =>
        batched ? result.unflatten(0, new[] { input.size(0), input.size(1) }) : result;
}
