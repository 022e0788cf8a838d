namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// DepthToSpace (DCR and CRD) and SpaceToDepth on NCHW: the spec's reshape to 6-D, transpose,
/// reshape back, written as one strided copy (the reshapes cost nothing).
/// </summary>
public sealed class BlockRearrangeEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new BlockRearrange(depthToSpace: true), new BlockRearrange(depthToSpace: false) };

    private sealed class BlockRearrange(bool depthToSpace) : IKernelEmitter
    {
        public string OpType => depthToSpace ? "DepthToSpace" : "SpaceToDepth";

        public string? CheckSupported(KernelContext ctx)
        {
            var x = ctx.InputShape(0);
            long b = ctx.Node.GetInt("blocksize", 0);
            if (x.Length != 4 || b < 1) return $"{OpType} needs a 4-D NCHW input and blocksize >= 1";
            if (ctx.Node.GetString("mode", "DCR") is not ("DCR" or "CRD")) return $"{OpType} mode '{ctx.Node.GetString("mode", "")}'";
            bool fits = depthToSpace ? x[1] % (b * b) == 0 : x[2] % b == 0 && x[3] % b == 0;
            return fits ? DataMovement.CheckType(ctx, ctx.InputType(0)) : $"{OpType} shape [{string.Join("x", x)}] does not divide by blocksize {b}";
        }

        public void Emit(KernelContext ctx)
        {
            var s = ctx.InputShape(0);
            int n = s[0], c = s[1], h = s[2], w = s[3], b = (int)ctx.Node.GetInt("blocksize", 1);
            var mode = ctx.Node.GetString("mode", "DCR");
            var (split, perm) = depthToSpace
                ? mode == "CRD"
                    ? (new[] { n, c / (b * b), b, b, h, w }, new[] { 0, 1, 4, 2, 5, 3 })
                    : (new[] { n, b, b, c / (b * b), h, w }, new[] { 0, 3, 4, 1, 5, 2 })
                : (new[] { n, c, h / b, b, w / b, b }, new[] { 0, 3, 5, 1, 2, 4 });
            var strides = StridedCopy.Contiguous(split);
            var dims = perm.Select(p => split[p]).ToArray();
            DataMovement.Header(ctx, $"blocksize {b}" + (depthToSpace ? $", mode {mode}" : ""));
            DataMovement.Pointers(ctx);
            new StridedCopy(dims, perm.Select(p => strides[p]).ToArray(), 0, StridedCopy.Contiguous(dims), 0).Write(ctx.Code);
        }
    }
}
