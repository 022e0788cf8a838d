using EdgeToolkit.Graph;
using static EdgeToolkit.CodeGen.Tests.Extra.ExtraCheck;

namespace EdgeToolkit.CodeGen.Tests.Extra;

/// <summary>Logical, bitwise, Mod, float tests, ThresholdedRelu and CastLike against the reference evaluator.</summary>
public class LogicEmitterTests
{
    private const float Inf = float.PositiveInfinity;

    [Theory]
    [InlineData("And")]
    [InlineData("Or")]
    [InlineData("Xor")]
    public void Logical_ops_broadcast(string op) =>
        Check(op, new[] { Fed(RandomBools(S(2, 3, 4), 1)), Fed(RandomBools(S(3, 1), 2)) }, DataType.Bool);

    [Fact]
    public void Not_flips() => Check("Not", new[] { Fed(RandomBools(S(4, 5), 3)) }, DataType.Bool);

    [Fact]
    public void Or_legacy_broadcast_at_axis() =>
        Check("Or", new[] { Fed(RandomBools(S(2, 3, 4), 4)), Fed(RandomBools(S(3), 5)) }, DataType.Bool, opset: 6,
            A("broadcast", 1), A("axis", 1));

    [Theory]
    [InlineData("BitwiseAnd", DataType.Int16)]
    [InlineData("BitwiseOr", DataType.UInt8)]
    [InlineData("BitwiseXor", DataType.Int64)]
    public void Bitwise_ops_broadcast(string op, DataType t) =>
        Check(op, new[] { Fed(Random(t, S(3, 4), 6)), Fed(Random(t, S(4), 7)) }, t, opset: 18);

    [Theory]
    [InlineData(DataType.Int8)]
    [InlineData(DataType.UInt16)]
    public void BitwiseNot_flips_bits(DataType t) => Check("BitwiseNot", new[] { Fed(Random(t, S(2, 5), 8)) }, t, opset: 18);

    [Fact]
    public void BitShift_left_uint16_shifts_past_the_width_give_zero() =>
        Check("BitShift", new[] { Fed(new Tensor(DataType.UInt16, S(6), new ushort[] { 65535, 1, 3, 40000, 7, 9 })),
            Fed(new Tensor(DataType.UInt16, S(6), new ushort[] { 15, 16, 20, 1, 0, 3 })) }, DataType.UInt16, attrs: A("direction", "LEFT"));

    [Fact]
    public void BitShift_right_uint64_broadcast() =>
        Check("BitShift", new[] { Fed(new Tensor(DataType.UInt64, S(2, 3), new ulong[] { ulong.MaxValue, 1UL << 63, 12345, 8, 0, 77 })),
            Fed(new Tensor(DataType.UInt64, S(3), new ulong[] { 63, 64, 2 })) }, DataType.UInt64, attrs: A("direction", "RIGHT"));

    [Fact]
    public void Mod_float32_is_exact_fmod() =>
        Check("Mod", new[]
        {
            Fed(Floats(S(10), 5.5f, -5.5f, 5.5f, -5.5f, 1e30f, -0f, Inf, 3f, 7f, 1e-40f)),
            Fed(Floats(S(10), 2f, 2f, -2f, -2f, 3f, 2f, 2f, 0f, Inf, 3e-41f)),
        }, DataType.Float32, attrs: A("fmod", 1));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Mod_int32_signs(long fmod) =>
        Check("Mod", new[] { Fed(Ints(S(2, 4), 7, -7, 7, -7, 0, 13, int.MinValue, 5)), Fed(Ints(S(2, 4), 3, 3, -3, -3, 4, -13, -1, 5)) },
            DataType.Int32, attrs: A("fmod", fmod));

    [Fact]
    public void Mod_int8_floored_with_broadcast() =>
        Check("Mod", new[] { Fed(new Tensor(DataType.Int8, S(2, 3), new sbyte[] { -128, 127, -5, 5, -1, 0 })), Fed(new Tensor(DataType.Int8, S(3), new sbyte[] { 3, -4, 7 })) },
            DataType.Int8);

    [Fact]
    public void Mod_uint8() =>
        Check("Mod", new[] { Fed(Random(DataType.UInt8, S(12), 9)), Fed(new Tensor(DataType.UInt8, S(12), Enumerable.Range(1, 12).Select(i => (byte)(i * 7)).ToArray())) },
            DataType.UInt8);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void IsInf_directions(long negative, long positive) =>
        Check("IsInf", new[] { Fed(Floats(S(6), Inf, -Inf, float.NaN, 3.4e38f, -3.4e38f, 0f)) }, DataType.Bool,
            attrs: new[] { A("detect_negative", negative), A("detect_positive", positive) });

    [Fact]
    public void IsNaN_float32() => Check("IsNaN", new[] { Fed(Floats(S(4), float.NaN, Inf, 0f, -float.NaN)) }, DataType.Bool);

    [Fact]
    public void ThresholdedRelu_float32() =>
        Check("ThresholdedRelu", new[] { Fed(Random(DataType.Float32, S(3, 5), 10)) }, DataType.Float32, attrs: A("alpha", 0.5f));

    [Fact]
    public void ThresholdedRelu_default_alpha() => Check("ThresholdedRelu", new[] { Fed(Floats(S(5), 1f, 1.0000001f, 2f, -3f, 0.99f)) }, DataType.Float32);

    [Fact]
    public void CastLike_float_to_int32() =>
        Check("CastLike", new[] { Fed(Floats(S(4), 1.9f, -2.7f, 0f, 100.5f)), Const(Ints(S(1), 0)) }, DataType.Int32);

    [Fact]
    public void CastLike_int64_to_bool() =>
        Check("CastLike", new[] { Fed(Longs(S(3), 0, -5, 7)), Fed(Bools(S(2), true, false)) }, DataType.Bool);

    [Fact]
    public void Logic_chain_runs_in_place()
    {
        // Not's output dies at And, which may then overwrite it: the planner's in-place path.
        var inputs = new[] { Fed(RandomBools(S(4, 4), 11)), Fed(RandomBools(S(4, 4), 12)) };
        CheckGraph(b =>
        {
            var names = Names(b, inputs);
            return b.OpNamed("and", "And", new[] { b.OpNamed("not", "Not", new[] { names[0] }), names[1] });
        }, inputs, DataType.Bool);
    }
}
