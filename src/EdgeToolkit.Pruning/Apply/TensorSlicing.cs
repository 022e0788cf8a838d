using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Apply;

/// <summary>Keeps the given indices of one axis of a tensor (any element type).</summary>
public static class TensorSlicing
{
    public static Tensor Keep(Tensor t, int axis, IReadOnlyList<int> kept)
    {
        var shape = (int[])t.Shape.Clone();
        int outer = 1, inner = 1;
        for (int a = 0; a < axis; a++) outer *= shape[a];
        for (int a = axis + 1; a < shape.Length; a++) inner *= shape[a];
        int size = shape[axis];
        shape[axis] = kept.Count;
        var data = Array.CreateInstance(t.Data.GetType().GetElementType()!, (int)Tensor.ElementCountOf(shape));
        int dst = 0;
        for (int o = 0; o < outer; o++)
            foreach (var k in kept)
            {
                Array.Copy(t.Data, (o * size + k) * inner, data, dst, inner);
                dst += inner;
            }
        return new Tensor(t.Type, shape, data);
    }
}
