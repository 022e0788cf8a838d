using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>Concat along one axis; unbatched inputs next to batched ones are repeated B times (views).</summary>
public sealed class ConcatOp : ITorchOp
{
    public string OpType => "Concat";

    public TorchKernel Compile(TorchNode node)
    {
        if (!node.Node.HasAttribute("axis") && node.Opset >= 4) throw node.Unsupported("Concat needs the axis attribute");
        long axis = node.Node.GetInt("axis", 1);
        var present = Enumerable.Range(0, node.Node.Inputs.Count).Where(node.HasInput).ToArray();
        var batched = present.Select(node.IsBatched).ToArray();
        bool any = node.AnyBatched;
        int first = Array.IndexOf(batched, true);
        var parts = new Tensor[present.Length];
        return inputs =>
        {
            long batch = any ? inputs[present[first]]!.size(0) : 0;
            for (int i = 0; i < present.Length; i++)
            {
                var t = inputs[present[i]]!;
                parts[i] = any && !batched[i] ? Batched.Expand(t, batch) : t;
            }
            long dim = Batched.Axis(axis, Batched.Rank(parts[0], any), any, node);
            return cat(parts, dim);
        };
    }
}
