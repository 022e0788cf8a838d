using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Broadcasting binary ops (arithmetic and comparisons) and Where. Integer Div truncates toward
/// zero as the graph's Div does (C semantics), where torch would return floats.
/// </summary>
public sealed class ElementwiseOps : ITorchOpProvider
{
    public IEnumerable<ITorchOp> Ops() => new ITorchOp[]
    {
        new BroadcastOp("Add", args => args[0].add(args[1])),
        new BroadcastOp("Sub", args => args[0].sub(args[1])),
        new BroadcastOp("Mul", args => args[0].mul(args[1])),
        new BroadcastOp("Div", args => args[0].is_floating_point() ? args[0].div(args[1]) : args[0].div(args[1], RoundingMode.trunc)),
        new BroadcastOp("Pow", args => args[0].pow(args[1])),
        new BroadcastOp("Equal", args => args[0].eq(args[1])),
        new BroadcastOp("Greater", args => args[0].gt(args[1])),
        new BroadcastOp("Less", args => args[0].lt(args[1])),
        new BroadcastOp("GreaterOrEqual", args => args[0].ge(args[1])),
        new BroadcastOp("LessOrEqual", args => args[0].le(args[1])),
        new BroadcastOp("Where", args => where(args[0], args[1], args[2])),
    };

    private sealed class BroadcastOp(string opType, Func<Tensor[], Tensor> apply) : ITorchOp
    {
        public string OpType => opType;

        public TorchKernel Compile(TorchNode node)
        {
            if (node.Opset < 7 && node.Node.GetInt("broadcast", 0) != 0)
                throw node.Unsupported("the legacy broadcast attribute (before opset 7) is not supported", "re-export the model with opset 7 or newer");
            int count = node.Node.Inputs.Count;
            var batched = Enumerable.Range(0, count).Select(node.IsBatched).ToArray();
            var operands = new Tensor[count];
            if (!node.AnyBatched) return inputs => { Fill(operands, inputs); return apply(operands); };
            return inputs =>
            {
                int rank = 0;
                for (int i = 0; i < count; i++) rank = Math.Max(rank, Batched.Rank(inputs[i]!, batched[i]));
                for (int i = 0; i < count; i++) operands[i] = Batched.Lift(inputs[i]!, batched[i], rank);
                return apply(operands);
            };
        }

        private static void Fill(Tensor[] operands, Tensor?[] inputs)
        {
            for (int i = 0; i < operands.Length; i++) operands[i] = inputs[i]!;
        }
    }
}
