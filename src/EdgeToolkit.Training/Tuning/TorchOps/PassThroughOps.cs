namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>Identity, and Dropout as in inference (the output is the input); training-mode Dropout would be random and is refused.</summary>
public sealed class PassThroughOps : ITorchOpProvider
{
    public IEnumerable<ITorchOp> Ops() => new ITorchOp[] { new PassThrough("Identity"), new PassThrough("Dropout") };

    private sealed class PassThrough(string opType) : ITorchOp
    {
        public string OpType => opType;

        public TorchKernel Compile(TorchNode node)
        {
            if (opType == "Dropout") CheckInference(node);
            return inputs => inputs[0]!;
        }

        private static void CheckInference(TorchNode node)
        {
            if (node.Opset < 7 && node.Node.GetInt("is_test", 0) == 0)
                throw node.Unsupported("Dropout with is_test=0 (training) is not supported", "export the model in eval mode");
            if (!node.HasInput(2)) return;
            var mode = node.Constant(2) ?? throw node.Unsupported("Dropout's training_mode is computed at run time; fine-tuning needs it constant");
            bool zeroRatio = node.Constant(1) is { Length: 1 } ratio && ratio.GetDouble(0) == 0;
            if (mode.Length > 0 && mode.GetInt64(0) != 0 && !zeroRatio)
                throw node.Unsupported("Dropout with training_mode=true is not supported", "export the model in eval mode");
        }
    }
}
