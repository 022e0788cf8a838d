namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>
/// Data-movement ops must move elements of every type unchanged: each op runs on the same values
/// as float32 and as another type, and the two results must hold the same values in the same places.
/// </summary>
public class ElementTypeTests
{
    public static IEnumerable<object[]> Types() => new[] { DataType.Int64, DataType.Int32, DataType.Int8, DataType.UInt8, DataType.Bool }
        .Select(t => new object[] { t });

    /// <summary>Values 0..n-1 (bool: odd positions true; uint8 above 127 so signedness matters).</summary>
    private static Tensor Values(DataType type, params int[] shape)
    {
        int n = (int)Tensor.ElementCountOf(shape);
        Array data = type switch
        {
            DataType.Float32 => Enumerable.Range(0, n).Select(i => (float)i).ToArray(),
            DataType.Int64 => Enumerable.Range(0, n).Select(i => (long)i - 3).ToArray(),
            DataType.Int32 => Enumerable.Range(0, n).Select(i => i - 3).ToArray(),
            DataType.Int8 => Enumerable.Range(0, n).Select(i => (sbyte)(i - 3)).ToArray(),
            DataType.UInt8 => Enumerable.Range(0, n).Select(i => (byte)(i + 200)).ToArray(),
            DataType.Bool => Enumerable.Range(0, n).Select(i => i % 2 == 1).ToArray(),
            _ => throw new ArgumentException(type.ToString()),
        };
        return new Tensor(type, shape, data);
    }

    /// <summary>Maps each element of a result back to the source position it came from (float run holds positions).</summary>
    private static void AssertSameMovement(Tensor positions, Tensor moved, Tensor source)
    {
        Assert.Equal(positions.Shape, moved.Shape);
        Assert.Equal(source.Type, moved.Type);
        for (int i = 0; i < moved.Length; i++)
            Assert.Equal(source.Data.GetValue((int)positions.Floats[i]), moved.Data.GetValue(i));
    }

    private static void Check(DataType type, int[] shape, Func<Tensor, OpRunner> op)
    {
        var source = Values(type, shape);
        AssertSameMovement(op(Values(DataType.Float32, shape)).Run1(), op(source).Run1(), source);
    }

    [Theory, MemberData(nameof(Types))]
    public void Transpose(DataType t) => Check(t, Make.S(2, 3, 4), x => new OpRunner("Transpose").In(x).Attr("perm", 2L, 0L, 1L));

    [Theory, MemberData(nameof(Types))]
    public void Slice(DataType t) => Check(t, Make.S(4, 5), x => new OpRunner("Slice", 13).In(x).Const(Make.L(3, 1)).Const(Make.L(0, 5)).Missing().Const(Make.L(-1, 2)));

    [Theory, MemberData(nameof(Types))]
    public void Gather(DataType t) => Check(t, Make.S(3, 4), x => new OpRunner("Gather").In(x).Const(Make.L(3, -1, 0)).Attr("axis", 1L));

    [Theory, MemberData(nameof(Types))]
    public void Tile(DataType t) => Check(t, Make.S(2, 3), x => new OpRunner("Tile").In(x).Const(Make.L(2, 2)));

    [Theory, MemberData(nameof(Types))]
    public void Expand(DataType t) => Check(t, Make.S(3, 1), x => new OpRunner("Expand").In(x).Const(Make.L(2, 3, 4)));

    [Theory, MemberData(nameof(Types))]
    public void Pad_edge(DataType t) => Check(t, Make.S(2, 3), x => new OpRunner("Pad", 13).In(x).Const(Make.L(1, 2, 0, 1)).Attr("mode", "edge"));

    [Theory, MemberData(nameof(Types))]
    public void DepthToSpace(DataType t) => Check(t, Make.S(1, 4, 2, 3), x => new OpRunner("DepthToSpace").In(x).Attr("blocksize", 2L));

    [Theory, MemberData(nameof(Types))]
    public void Resize_nearest(DataType t) => Check(t, Make.S(1, 1, 2, 3), x => new OpRunner("Resize", 13).In(x).Missing().Const(Tensor.Vector(1f, 1, 2, 1.5f)));

    [Theory, MemberData(nameof(Types))]
    public void Concat_and_split_round_trip(DataType t)
    {
        var a = Values(t, 2, 3);
        var joined = new OpRunner("Concat").In(a).In(a).Attr("axis", 1L).Run1();
        var parts = new OpRunner("Split", 13, outputs: 2).In(joined).Const(Make.L(3, 3)).Attr("axis", 1L).Run();
        Assert.Equal(a.Data, parts[0].Data);
        Assert.Equal(a.Data, parts[1].Data);
    }
}
