using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Activation;

/// <summary>
/// Where Softmax, LogSoftmax and Hardmax run, for the evaluator and the C emitters. Before opset 13
/// the input is coerced to 2-D at axis (default 1): each row is everything from axis on,
/// contiguous. From opset 13 the op runs along the one axis (default -1), rows strided by inner.
/// Element k of row (o, i) is at (o * Length + k) * Inner + i.
/// </summary>
public readonly record struct SoftmaxGeometry(int Outer, int Length, int Inner)
{
    public static long Axis(Node node, int opset) => node.GetInt("axis", opset < 13 ? 1 : -1);

    public static SoftmaxGeometry Of(Node node, int opset, int[] shape)
    {
        int rank = shape.Length, axis = Axes.Normalize(Axis(node, opset), rank);
        int outer = Axes.Product(shape, 0, axis);
        return opset < 13
            ? new SoftmaxGeometry(outer, Axes.Product(shape, axis, rank), 1)
            : new SoftmaxGeometry(outer, shape[axis], Axes.Product(shape, axis + 1, rank));
    }
}
