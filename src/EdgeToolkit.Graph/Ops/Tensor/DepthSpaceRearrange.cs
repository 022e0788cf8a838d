namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// DepthToSpace (modes DCR, the default, and CRD from opset 11) and SpaceToDepth on NCHW, both
/// as the reshape-transpose-reshape the ONNX spec defines them by.
/// </summary>
public abstract class BlockRearrangeOp : IOperator
{
    public abstract string OpType { get; }

    public string? CheckSupported(ShapeContext ctx)
    {
        var s = ctx.InputShape(0);
        if (s.HasRank && s.Rank != 4) return $"{OpType} needs a 4-D NCHW input";
        if (ctx.Node.GetInt("blocksize", 0) < 1) return $"{OpType} needs blocksize >= 1";
        var mode = ctx.Node.GetString("mode", "DCR");
        return mode is "DCR" or "CRD" ? null : $"{OpType} mode '{mode}' is not supported";
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, new SymShape(Enumerable.Repeat(Dim.Unknown, 4))); return; }
        long b = ctx.Node.GetInt("blocksize", 1);
        var d = x.Shape.Dims!;
        ctx.SetOutput(0, x.Type, new SymShape(new[] { d[0], Scale(d[1], b * b, ChannelUp), Scale(d[2], b, !ChannelUp), Scale(d[3], b, !ChannelUp) }));
    }

    private static Dim Scale(Dim d, long b, bool multiply) =>
        !d.IsKnown ? (b == 1 ? d : Dim.Unknown) : multiply ? Dim.Of(d.Value * b) : Dim.Of(d.Value / b);

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int b = (int)ctx.Node.GetInt("blocksize", 1);
        var (split, perm, result) = Plan(x.Shape, b, ctx.Node.GetString("mode", "DCR"));
        ctx.SetOutput(0, TransposeOp.Apply(x.Reshaped(split), perm).Reshaped(result));
    }

    /// <summary>True when channels grow (SpaceToDepth) rather than shrink.</summary>
    protected abstract bool ChannelUp { get; }
    protected abstract (int[] Split, int[] Perm, int[] Result) Plan(int[] s, int b, string mode);
}

public sealed class DepthToSpaceOp : BlockRearrangeOp
{
    public override string OpType => "DepthToSpace";
    protected override bool ChannelUp => false;
    protected override (int[], int[], int[]) Plan(int[] s, int b, string mode)
    {
        int n = s[0], c = s[1], h = s[2], w = s[3];
        if (c % (b * b) != 0) throw new InvalidOperationException($"channels {c} do not divide by blocksize^2 = {b * b}");
        var result = new[] { n, c / (b * b), h * b, w * b };
        return mode == "CRD"
            ? (new[] { n, c / (b * b), b, b, h, w }, new[] { 0, 1, 4, 2, 5, 3 }, result)
            : (new[] { n, b, b, c / (b * b), h, w }, new[] { 0, 3, 4, 1, 5, 2 }, result);
    }
}

public sealed class SpaceToDepthOp : BlockRearrangeOp
{
    public override string OpType => "SpaceToDepth";
    protected override bool ChannelUp => true;
    protected override (int[], int[], int[]) Plan(int[] s, int b, string mode)
    {
        int n = s[0], c = s[1], h = s[2], w = s[3];
        if (h % b != 0 || w % b != 0) throw new InvalidOperationException($"spatial size {h}x{w} does not divide by blocksize {b}");
        return (new[] { n, c, h / b, b, w / b, b }, new[] { 0, 3, 5, 1, 2, 4 }, new[] { n, c * b * b, h / b, w / b });
    }
}
