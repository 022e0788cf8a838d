using EdgeToolkit.Graph;
using static EdgeToolkit.CodeGen.Tests.Extra.ExtraCheck;

namespace EdgeToolkit.CodeGen.Tests.Extra;

/// <summary>GatherElements, ScatterElements, GatherND, ScatterND, Trilu, EyeLike, ReverseSequence and OneHot against the reference evaluator.</summary>
public class IndexingEmitterTests
{
    [Fact]
    public void GatherElements_axis0_negative_int64_indices() =>
        Check("GatherElements", new[] { Fed(Random(DataType.Float32, S(3, 4), 30)), Fed(Longs(S(2, 4), 0, -1, 2, 1, -3, 2, 0, 0)) },
            DataType.Float32, attrs: A("axis", 0L));

    [Fact]
    public void GatherElements_3d_axis1_int32_constant_indices() =>
        Check("GatherElements", new[] { Fed(Random(DataType.Int64, S(2, 3, 2), 31)), Const(Ints(S(2, 2, 2), 2, 0, 1, 1, 0, 2, -1, 0)) },
            DataType.Int64, attrs: A("axis", 1L));

    [Fact]
    public void ScatterElements_duplicates_last_wins() =>
        Check("ScatterElements", new[] { Fed(Random(DataType.Float32, S(3, 3), 32)), Fed(Longs(S(2, 2), 1, 1, -1, 0)),
            Fed(Floats(S(2, 2), 10f, 20f, 30f, 40f)) }, DataType.Float32, attrs: A("axis", 1L));

    [Theory]
    [InlineData("add")]
    [InlineData("mul")]
    [InlineData("max")]
    [InlineData("min")]
    public void ScatterElements_reductions(string reduction) =>
        Check("ScatterElements", new[] { Fed(Random(DataType.Int32, S(4, 2), 33)), Fed(Longs(S(3, 2), 0, 1, 0, 3, 3, 1)),
            Fed(Ints(S(3, 2), 5, -6, 7, 8, -9, 10)) }, DataType.Int32, opset: 18, A("reduction", reduction));

    [Theory]
    [InlineData("max")]
    [InlineData("min")]
    public void ScatterND_float_max_min_with_nan(string reduction) =>
        Check("ScatterND", new[] { Fed(Floats(S(4), 1f, float.NaN, 3f, 4f)), Fed(Longs(S(3, 1), 0, 1, 2)), Fed(Floats(S(3), float.NaN, 5f, -7f)) },
            DataType.Float32, opset: 18, A("reduction", reduction));

    [Fact]
    public void Scatter_legacy_name() =>
        Check("Scatter", new[] { Fed(RandomBools(S(2, 4), 34)), Fed(Ints(S(2, 2), 3, 0, 1, 2)), Fed(Bools(S(2, 2), true, true, false, true)) },
            DataType.Bool, opset: 10, A("axis", 1L));

    [Fact]
    public void ScatterElements_in_place_after_a_producer()
    {
        // Neg's output dies at ScatterElements, so the planner lets it write over it.
        var inputs = new[] { Fed(Random(DataType.Float32, S(3, 4), 35)), Fed(Longs(S(1, 4), 2, 0, 1, 2)), Fed(Floats(S(1, 4), 1f, 2f, 3f, 4f)) };
        CheckGraph(b =>
        {
            var n = Names(b, inputs);
            return b.OpNamed("scatter", "ScatterElements", new[] { b.OpNamed("neg", "Neg", new[] { n[0] }), n[1], n[2] });
        }, inputs, DataType.Float32);
    }

    [Fact]
    public void GatherND_slices() =>
        Check("GatherND", new[] { Fed(Random(DataType.Float32, S(2, 3, 4), 36)), Fed(Longs(S(3, 2), 1, 2, 0, -1, -2, 0)) }, DataType.Float32);

    [Fact]
    public void GatherND_full_tuples_int32_data() =>
        Check("GatherND", new[] { Fed(Random(DataType.Int32, S(2, 2), 37)), Fed(Longs(S(2, 1, 2), 0, 0, 1, 1)) }, DataType.Int32);

    [Fact]
    public void GatherND_batch_dims() =>
        Check("GatherND", new[] { Fed(Random(DataType.Float32, S(2, 3, 4), 38)), Fed(Longs(S(2, 2, 1), 2, 0, 1, -1)) },
            DataType.Float32, attrs: A("batch_dims", 1L));

    [Fact]
    public void ScatterND_slices() =>
        Check("ScatterND", new[] { Fed(Random(DataType.Float32, S(4, 3), 39)), Fed(Longs(S(2, 1), 3, -4)), Fed(Random(DataType.Float32, S(2, 3), 40)) },
            DataType.Float32);

    [Fact]
    public void ScatterND_multiply_elements() =>
        Check("ScatterND", new[] { Fed(Random(DataType.Int64, S(2, 2, 2), 41)), Fed(Longs(S(3, 3), 0, 1, 1, 1, 0, 0, 0, 1, 1)),
            Fed(Longs(S(3), 2, 3, -1)) }, DataType.Int64, opset: 16, A("reduction", "mul"));

    [Theory]
    [InlineData(1L, -1L)]
    [InlineData(0L, 2L)]
    [InlineData(1L, 9L)]
    [InlineData(0L, -9L)]
    public void Trilu_constant_k(long upper, long k) =>
        Check("Trilu", new[] { Fed(Random(DataType.Float32, S(2, 3, 4), 42)), Const(Tensor.Scalar(k)) }, DataType.Float32, attrs: A("upper", upper));

    [Fact]
    public void Trilu_runtime_k_int32() =>
        Check("Trilu", new[] { Fed(Random(DataType.Int32, S(4, 3), 43)), Fed(Tensor.Scalar(1L)) }, DataType.Int32, attrs: A("upper", 0L));

    [Fact]
    public void Trilu_default_k_bool() => Check("Trilu", new[] { Fed(RandomBools(S(3, 3), 44)) }, DataType.Bool);

    [Theory]
    [InlineData(0L, 3, 4)]
    [InlineData(1L, 3, 4)]
    [InlineData(-2L, 4, 3)]
    [InlineData(5L, 2, 3)]
    public void EyeLike_diagonals(long k, int rows, int cols) =>
        Check("EyeLike", new[] { Fed(Random(DataType.Float32, S(rows, cols), 45)) }, DataType.Float32, attrs: A("k", k));

    [Fact]
    public void EyeLike_with_dtype() =>
        Check("EyeLike", new[] { Fed(Random(DataType.Int32, S(3, 3), 46)) }, DataType.Int64, attrs: new[] { A("k", -1L), A("dtype", (long)DataType.Int64) });

    [Theory]
    [InlineData(1L)]
    [InlineData(0L)]
    public void ReverseSequence_with_inner_dims(long batchAxis)
    {
        var x = Fed(Random(DataType.Float32, batchAxis == 1 ? S(4, 3, 2) : S(3, 4, 2), 47));
        Check("ReverseSequence", new[] { x, Fed(Longs(S(3), 4, 1, 2)) }, DataType.Float32,
            attrs: new[] { A("batch_axis", batchAxis), A("time_axis", 1 - batchAxis) });
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(1L)]
    public void OneHot_int64_indices_constant_depth(long axis) =>
        Check("OneHot", new[] { Fed(Longs(S(2, 3), 0, 4, -1, 5, -6, 2)), Const(Longs(S(1), 5)), Fed(Floats(S(2), -1f, 3f)) },
            DataType.Float32, attrs: A("axis", axis));

    [Fact]
    public void OneHot_float_indices_int32_values() =>
        Check("OneHot", new[] { Fed(Floats(S(6), 1.7f, -0.5f, -3.9f, float.NaN, 1e20f, -4.5f)), Const(Tensor.Scalar(4f)), Fed(Ints(S(2), 0, 1)) },
            DataType.Int32);
}
