using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Tests;

/// <summary>
/// Small models written by hand in the generated API's shape (docs/architecture.md), so the runner
/// is tested independently of the code generator.
/// </summary>
public static class HandMadeModels
{
    private const string LayerMacros = """
        #ifndef EDGETK_LAYER_BEGIN
        #define EDGETK_LAYER_BEGIN(i)
        #endif
        #ifndef EDGETK_LAYER_END
        #define EDGETK_LAYER_END(i)
        #endif

        """;

    /// <summary>tiny: y = 2x+1 and z = y / (x*x + 0.5) over 8 floats, in two "layers", with a static arena.</summary>
    public static GeneratedModel Tiny() => Model("tiny",
        header: """
            #define TINY_ARENA_BYTES 32
            #define TINY_WEIGHT_BYTES 0
            #define TINY_MACS 16
            int tiny_run(const float *x, float *y, float *z);
            int tiny_run_arena(void *arena, const float *x, float *y, float *z);
            """,
        body: """
            static float tiny_arena[TINY_ARENA_BYTES / sizeof(float)];

            int tiny_run_arena(void *arena, const float *x, float *y, float *z)
            {
                float *t = (float *)arena;
                int i;
                EDGETK_LAYER_BEGIN(0);
                for (i = 0; i < 8; i++) t[i] = 2.0f * x[i] + 1.0f;
                EDGETK_LAYER_END(0);
                EDGETK_LAYER_BEGIN(1);
                for (i = 0; i < 8; i++) { y[i] = t[i]; z[i] = t[i] / (x[i] * x[i] + 0.5f); }
                EDGETK_LAYER_END(1);
                return 0;
            }

            int tiny_run(const float *x, float *y, float *z) { return tiny_run_arena(tiny_arena, x, y, z); }
            """,
        inputs: new[] { Port("x", DataType.Float32, 1, 8) },
        outputs: new[] { Port("y", DataType.Float32, 1, 8), Port("z", DataType.Float32, 1, 8) },
        arenaBytes: 32, layers: 2);

    /// <summary>C#'s own evaluation of Tiny (IEEE single precision, no fused multiply-add).</summary>
    public static (float[] Y, float[] Z) TinyReference(float[] x)
    {
        var y = new float[x.Length];
        var z = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float t = 2.0f * x[i] + 1.0f;
            float d = x[i] * x[i] + 0.5f;
            y[i] = t;
            z[i] = t / d;
        }
        return (y, z);
    }

    /// <summary>loop: an int32 input n and 4 floats; acc = acc*0.5 + x[i%4] for n iterations.</summary>
    public static GeneratedModel Loop() => Model("loop",
        header: """
            #include <stdint.h>
            #define LOOP_ARENA_BYTES 0
            #define LOOP_WEIGHT_BYTES 0
            #define LOOP_MACS 0
            int loop_run(const int32_t *n, const float *x, float *y);
            int loop_run_arena(void *arena, const int32_t *n, const float *x, float *y);
            """,
        body: """
            int loop_run_arena(void *arena, const int32_t *n, const float *x, float *y)
            {
                float acc = 0.0f;
                int32_t i;
                (void)arena;
                for (i = 0; i < n[0]; i++) acc = acc * 0.5f + x[i & 3];
                y[0] = acc;
                return 0;
            }

            int loop_run(const int32_t *n, const float *x, float *y) { return loop_run_arena(0, n, x, y); }
            """,
        inputs: new[] { Port("n", DataType.Int32, 1), Port("x", DataType.Float32, 4) },
        outputs: new[] { Port("y", DataType.Float32, 1) });

    public static float LoopReference(int n, float[] x)
    {
        float acc = 0f;
        for (int i = 0; i < n; i++) acc = acc * 0.5f + x[i & 3];
        return acc;
    }

    /// <summary>sum: y = sum of all x (for large inputs).</summary>
    public static GeneratedModel Sum(int length) => Model("sum",
        header: """
            #define SUM_ARENA_BYTES 0
            #define SUM_WEIGHT_BYTES 0
            #define SUM_MACS 0
            int sum_run(const float *x, float *y);
            int sum_run_arena(void *arena, const float *x, float *y);
            """,
        body: $$"""
            int sum_run_arena(void *arena, const float *x, float *y)
            {
                float acc = 0.0f;
                long i;
                (void)arena;
                for (i = 0; i < {{length}}L; i++) acc += x[i];
                y[0] = acc;
                return 0;
            }

            int sum_run(const float *x, float *y) { return sum_run_arena(0, x, y); }
            """,
        inputs: new[] { Port("x", DataType.Float32, length) },
        outputs: new[] { Port("y", DataType.Float32, 1) });

    /// <summary>negate: y = -x elementwise (for large outputs).</summary>
    public static GeneratedModel Negate(int length) => Model("negate",
        header: """
            #define NEGATE_ARENA_BYTES 0
            #define NEGATE_WEIGHT_BYTES 0
            #define NEGATE_MACS 0
            int negate_run(const float *x, float *y);
            int negate_run_arena(void *arena, const float *x, float *y);
            """,
        body: $$"""
            int negate_run_arena(void *arena, const float *x, float *y)
            {
                long i;
                (void)arena;
                for (i = 0; i < {{length}}L; i++) y[i] = -x[i];
                return 0;
            }

            int negate_run(const float *x, float *y) { return negate_run_arena(0, x, y); }
            """,
        inputs: new[] { Port("x", DataType.Float32, length) },
        outputs: new[] { Port("y", DataType.Float32, length) });

    /// <summary>ints: integer and bool ports: c = -a (int8, wrapping), d = 3b (int64), e = a &lt; 0 (bool).</summary>
    public static GeneratedModel Ints() => Model("ints",
        header: """
            #include <stdint.h>
            #define INTS_ARENA_BYTES 0
            #define INTS_WEIGHT_BYTES 0
            #define INTS_MACS 0
            int ints_run(const int8_t *a, const int64_t *b, int8_t *c, int64_t *d, uint8_t *e);
            int ints_run_arena(void *arena, const int8_t *a, const int64_t *b, int8_t *c, int64_t *d, uint8_t *e);
            """,
        body: """
            int ints_run_arena(void *arena, const int8_t *a, const int64_t *b, int8_t *c, int64_t *d, uint8_t *e)
            {
                int i;
                (void)arena;
                for (i = 0; i < 6; i++) {
                    c[i] = (int8_t)(uint8_t)(0u - (uint8_t)a[i]);
                    d[i] = (int64_t)((uint64_t)b[i] * 3u);
                    e[i] = a[i] < 0;
                }
                return 0;
            }

            int ints_run(const int8_t *a, const int64_t *b, int8_t *c, int64_t *d, uint8_t *e) { return ints_run_arena(0, a, b, c, d, e); }
            """,
        inputs: new[] { Port("a", DataType.Int8, 6), Port("b", DataType.Int64, 6) },
        outputs: new[] { Port("c", DataType.Int8, 6), Port("d", DataType.Int64, 6), Port("e", DataType.Bool, 6) });

    /// <summary>hang: never returns.</summary>
    public static GeneratedModel Hang() => Model("hang",
        header: """
            #define HANG_ARENA_BYTES 0
            #define HANG_WEIGHT_BYTES 0
            #define HANG_MACS 0
            int hang_run(const float *x, float *y);
            int hang_run_arena(void *arena, const float *x, float *y);
            """,
        body: """
            int hang_run_arena(void *arena, const float *x, float *y)
            {
                volatile int forever = 1;
                (void)arena;
                while (forever) { }
                y[0] = x[0];
                return 0;
            }

            int hang_run(const float *x, float *y) { return hang_run_arena(0, x, y); }
            """,
        inputs: new[] { Port("x", DataType.Float32, 1) },
        outputs: new[] { Port("y", DataType.Float32, 1) });

    /// <summary>big: looks up a 2 MB constant table (bigger than most MCUs' flash).</summary>
    public static GeneratedModel Big() => Model("big",
        header: """
            #define BIG_ARENA_BYTES 0
            #define BIG_WEIGHT_BYTES 2097152
            #define BIG_MACS 0
            int big_run(const float *x, float *y);
            int big_run_arena(void *arena, const float *x, float *y);
            """,
        body: """
            static const float big_table[524288] = { 1.0f };

            int big_run_arena(void *arena, const float *x, float *y)
            {
                (void)arena;
                y[0] = big_table[(unsigned)(x[0] * 1000.0f) & 524287u];
                return 0;
            }

            int big_run(const float *x, float *y) { return big_run_arena(0, x, y); }
            """,
        inputs: new[] { Port("x", DataType.Float32, 1) },
        outputs: new[] { Port("y", DataType.Float32, 1) });

    /// <summary>hog: a static arena of the given bytes (for RAM that does not fit).</summary>
    public static GeneratedModel Hog(int bytes) => Model("hog",
        header: $$"""
            #define HOG_ARENA_BYTES {{bytes}}
            #define HOG_WEIGHT_BYTES 0
            #define HOG_MACS 0
            int hog_run(const float *x, float *y);
            int hog_run_arena(void *arena, const float *x, float *y);
            """,
        body: """
            /* External linkage: gcc may not drop a buffer another unit could read. */
            float hog_arena[HOG_ARENA_BYTES / sizeof(float)];

            int hog_run_arena(void *arena, const float *x, float *y)
            {
                float *a = (float *)arena;
                a[0] = x[0];
                a[HOG_ARENA_BYTES / sizeof(float) - 1] = x[0] * 2.0f;
                y[0] = a[0] + a[HOG_ARENA_BYTES / sizeof(float) - 1];
                return 0;
            }

            int hog_run(const float *x, float *y) { return hog_run_arena(hog_arena, x, y); }
            """,
        inputs: new[] { Port("x", DataType.Float32, 1) },
        outputs: new[] { Port("y", DataType.Float32, 1) }, arenaBytes: bytes);

    /// <summary>fault: an undefined instruction on Arm, a null-pointer write elsewhere.</summary>
    public static GeneratedModel Fault() => Model("fault",
        header: """
            #define FAULT_ARENA_BYTES 0
            #define FAULT_WEIGHT_BYTES 0
            #define FAULT_MACS 0
            int fault_run(const float *x, float *y);
            int fault_run_arena(void *arena, const float *x, float *y);
            """,
        body: """
            int fault_run_arena(void *arena, const float *x, float *y)
            {
                (void)arena;
            #if defined(__arm__)
                __asm__ volatile("udf #0");
            #else
                *(volatile float *)arena = x[0];
            #endif
                y[0] = x[0];
                return 0;
            }

            int fault_run(const float *x, float *y) { return fault_run_arena(0, x, y); }
            """,
        inputs: new[] { Port("x", DataType.Float32, 1) },
        outputs: new[] { Port("y", DataType.Float32, 1) });

    private static CPort Port(string name, DataType type, params int[] shape) => new(name, name, type, shape);

    private static GeneratedModel Model(string name, string header, string body, CPort[] inputs, CPort[] outputs,
        long arenaBytes = 0, int layers = 1)
    {
        var guard = name.ToUpperInvariant() + "_MODEL_H";
        return new GeneratedModel
        {
            Name = name,
            Files = new Dictionary<string, string>
            {
                ["model.h"] = $"#ifndef {guard}\n#define {guard}\n{header}\n#endif\n",
                ["model.c"] = "#include \"model.h\"\n" + LayerMacros + body + "\n",
            },
            Inputs = inputs,
            Outputs = outputs,
            ArenaBytes = arenaBytes,
            WeightBytes = 0,
            Macs = 0,
            Layers = Enumerable.Range(0, layers).Select(i => new GeneratedLayer(i, $"{name}_layer{i}", "Hand", new[] { $"n{i}" }, 0, 0)).ToList(),
            Plan = Array.Empty<PlannedBuffer>(),
        };
    }
}
