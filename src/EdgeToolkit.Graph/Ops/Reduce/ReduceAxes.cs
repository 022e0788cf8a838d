namespace EdgeToolkit.Graph.Ops.Reduce;

/// <summary>
/// Which dims a Reduce* node reduces, in one place for the evaluator and the C emitters: axes come
/// from the attribute before the op's switch-over opset (ReduceSum 13, the others 18) and from
/// the optional second input from then on. No axes means all dims, unless noop_with_empty_axes=1.
/// </summary>
public static class ReduceAxes
{
    /// <summary>The first opset in which the op takes its axes as an input.</summary>
    public static int AxesInputSince(string opType) => opType == "ReduceSum" ? 13 : 18;

    public static bool FromInput(Node node, int opset) => opset >= AxesInputSince(node.OpType);

    /// <summary>
    /// Per dim, whether it is reduced. axesInput is the value of input 1 when the op takes its axes
    /// as an input (null when omitted). All false means the op is an identity.
    /// </summary>
    public static bool[] Resolve(Node node, int opset, int rank, Tensor? axesInput) =>
        Resolve(node, opset, rank, FromInput(node, opset) ? (axesInput != null ? Common.TensorValues.ToLongs(axesInput) : null) : node.GetInts("axes"));

    internal static bool[] Resolve(Node node, int opset, int rank, long[]? axes)
    {
        var reduced = new bool[rank];
        if (axes == null || axes.Length == 0)
        {
            bool noop = FromInput(node, opset) && node.GetInt("noop_with_empty_axes", 0) != 0;
            if (!noop) Array.Fill(reduced, true);
            return reduced;
        }
        foreach (var a in Common.Axes.Normalize(axes, rank)) reduced[a] = true;
        return reduced;
    }

    public static bool KeepDims(Node node) => node.GetInt("keepdims", 1) != 0;
}
