using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// MaxPool and AveragePool with 1 to 3 spatial axes. Symmetric pads map onto torch's own
/// (whose ceil_mode and count_include_pad rules are the graph's); asymmetric ones are padded
/// explicitly, with -inf for MaxPool so padding never wins, where that gives the same windows.
/// The batch folds into N.
/// </summary>
public sealed class PoolOps : ITorchOpProvider
{
    public IEnumerable<ITorchOp> Ops() => new ITorchOp[] { new WindowPool("MaxPool"), new WindowPool("AveragePool") };

    private sealed class WindowPool(string opType) : ITorchOp
    {
        public string OpType => opType;
        private bool IsMax => opType == "MaxPool";

        public TorchKernel Compile(TorchNode node)
        {
            var kernelShape = node.Node.GetInts("kernel_shape")?.Select(k => (int)k).ToArray() ?? throw node.Unsupported($"{opType} needs kernel_shape");
            var window = new WindowPadding(node, kernelShape);
            long[] kernel = window.Kernel, strides = window.PerAxis("strides"), dilations = window.PerAxis("dilations");
            bool ceil = node.Node.GetInt("ceil_mode", 0) != 0, includePad = node.Node.GetInt("count_include_pad", 0) != 0;
            if (!IsMax && dilations.Any(d => d != 1)) throw node.Unsupported("AveragePool with dilations is not supported");
            bool Native(WindowPads pads)
            {
                bool native = pads.Explicit == null && FitsTorch(pads.Native, kernel, dilations);
                if (!native && (ceil || !IsMax && !includePad))
                    throw node.Unsupported($"{opType} with asymmetric pads (or pads over half the window) is only supported without ceil_mode" +
                        (IsMax ? "" : " and with count_include_pad=1"));
                return native;
            }
            if (window.Fixed is { } fixedPads) Native(fixedPads); // refuses at compile time, where Unsupported(graph) sees it
            bool batched = node.IsBatched(0);
            return inputs =>
            {
                var x = Batched.Fold(inputs[0]!, batched);
                var pads = window.For(x);
                bool native = Native(pads);
                var padded = window.Lift(native ? x : nn.functional.pad(x, pads.Explicit ?? Symmetric(pads), value: IsMax ? double.NegativeInfinity : 0));
                var padding = native ? pads.Native : new long[kernel.Length];
                var y = (IsMax, kernel.Length) switch
                {
                    (true, 3) => nn.functional.max_pool3d(padded, kernel, strides, padding, dilations, ceil),
                    (true, _) => nn.functional.max_pool2d(padded, kernel, strides, padding, dilations, ceil),
                    (false, 3) => nn.functional.avg_pool3d(padded, kernel, strides, padding, ceil, includePad),
                    (false, _) => nn.functional.avg_pool2d(padded, kernel, strides, padding, ceil, includePad),
                };
                return Batched.Unfold(window.Unlift(y), inputs[0]!, batched);
            };
        }

        /// <summary>torch pads at most half the (dilated) window on each side.</summary>
        private static bool FitsTorch(long[] pads, long[] kernel, long[] dilations)
        {
            for (int i = 0; i < pads.Length; i++)
                if (pads[i] > ((kernel[i] - 1) * dilations[i] + 1) / 2) return false;
            return true;
        }

        private static long[] Symmetric(WindowPads pads)
        {
            var r = new long[2 * pads.Begin.Length];
            for (int i = 0; i < pads.Begin.Length; i++) r[2 * i] = r[2 * i + 1] = pads.Begin[^(i + 1)];
            return r;
        }
    }
}

/// <summary>GlobalAveragePool and GlobalMaxPool: one value per (N, C) plane, spatial dims kept as 1.</summary>
public sealed class GlobalPoolOps : ITorchOpProvider
{
    public IEnumerable<ITorchOp> Ops() => new ITorchOp[]
    {
        new GlobalPool("GlobalAveragePool", (x, dims) => x.mean(dims, keepdim: true)),
        new GlobalPool("GlobalMaxPool", (x, dims) => x.amax(dims, keepdim: true)),
    };

    private sealed class GlobalPool(string opType, Func<Tensor, long[], Tensor> reduce) : ITorchOp
    {
        public string OpType => opType;

        public TorchKernel Compile(TorchNode node)
        {
            int shift = node.Shift(0);
            return inputs =>
            {
                var x = inputs[0]!;
                var spatial = new long[x.dim() - 2 - shift];
                for (int i = 0; i < spatial.Length; i++) spatial[i] = 2 + shift + i;
                return reduce(x, spatial);
            };
        }
    }
}
