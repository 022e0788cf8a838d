using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>Transpose: output axis i is input axis perm[i] (default: the axes reversed); B stays first.</summary>
public sealed class TransposeOp : ITorchOp
{
    public string OpType => "Transpose";

    public TorchKernel Compile(TorchNode node)
    {
        var perm = node.Node.GetInts("perm");
        int shift = node.Shift(0);
        if (perm != null)
        {
            if (perm.Order().Where((p, i) => p != i).Any()) throw node.Unsupported($"perm [{string.Join(",", perm)}] is not a permutation");
            var fixedPerm = WithBatch(perm, shift);
            return inputs => inputs[0]!.permute(fixedPerm);
        }
        return inputs =>
        {
            var x = inputs[0]!;
            long rank = x.dim() - shift;
            return x.permute(WithBatch(Enumerable.Range(0, (int)rank).Select(i => rank - 1 - i).ToArray(), shift));
        };
    }

    private static long[] WithBatch(long[] perm, int shift) => shift == 0 ? perm : perm.Select(p => p + 1).Prepend(0L).ToArray();
}
