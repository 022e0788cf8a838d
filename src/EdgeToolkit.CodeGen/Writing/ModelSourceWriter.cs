using System.Text;

namespace EdgeToolkit.CodeGen.Writing;

/// <summary>Writes model.c: helpers, one static function per kernel, then NAME_run_arena calling them in order and NAME_run.</summary>
internal static class ModelSourceWriter
{
    public const string AlignMacro = """
        #ifndef EDGETK_ALIGN16
        #if defined(__GNUC__)
        #define EDGETK_ALIGN16 __attribute__((aligned(16)))
        #else
        #define EDGETK_ALIGN16
        #endif
        #endif

        """;

    public static string Write(string header, string prefix, long arenaBytes, IReadOnlyList<WeightArray> weights, string helpers,
        IReadOnlyList<EmittedKernel> kernels, IReadOnlyList<PortParam> ports)
    {
        var c = new StringBuilder(header);
        c.Append("#include <stdint.h>\n#include \"model.h\"\n\n");
        c.Append("/* Per-layer profiling hooks: nothing unless the build defines them. */\n");
        c.Append("#ifndef EDGETK_LAYER_BEGIN\n#define EDGETK_LAYER_BEGIN(i)\n#endif\n#ifndef EDGETK_LAYER_END\n#define EDGETK_LAYER_END(i)\n#endif\n");
        c.Append(AlignMacro).Append('\n');
        if (weights.Count > 0)
        {
            c.Append("/* Weights, in flash (model_weights.c or model_weights.S). */\n");
            foreach (var w in weights) c.Append("extern ").Append(w.Declaration).Append(";\n");
            c.Append('\n');
        }
        if (helpers.Length > 0) c.Append("/* Portable math: + - * / only, bit-identical on every target with -ffp-contract=off. */\n").Append(helpers).Append('\n');
        foreach (var k in kernels)
        {
            c.Append("/* ").Append(k.Comment).Append(" */\n");
            var ps = k.Params.Count == 0 ? "void" : string.Join(", ", k.Params.Select(p => p.Declaration));
            c.Append($"static void {k.Function}({ps})\n{{\n");
            foreach (var line in k.Body.Split('\n')) if (line.Length > 0) c.Append("    ").Append(line).Append('\n');
            c.Append("}\n\n");
        }
        var portDecl = string.Join(", ", ports.Select(p => p.Declaration));
        var sep = ports.Count > 0 ? ", " : "";
        c.Append($"int {prefix}_run_arena(void *arena_memory{sep}{portDecl})\n{{\n");
        c.Append("    unsigned char *arena = (unsigned char *)arena_memory;\n");
        var calls = new StringBuilder();
        for (int i = 0; i < kernels.Count; i++)
        {
            var args = string.Join(", ", kernels[i].Params.Select(p => p.Argument));
            calls.Append($"    EDGETK_LAYER_BEGIN({i});\n    {kernels[i].Function}({args});\n    EDGETK_LAYER_END({i});\n");
        }
        var body = calls.ToString();
        if (!CodeText.Mentions(body, "arena")) c.Append("    (void)arena;\n");
        foreach (var p in ports) if (!CodeText.Mentions(body, p.CName)) c.Append($"    (void){p.CName};\n");
        c.Append(body).Append("    return 0;\n}\n\n");
        c.Append($"static EDGETK_ALIGN16 unsigned char {prefix}_arena[{Math.Max(1, arenaBytes)}];\n\n");
        c.Append($"int {prefix}_run({portDecl.DefaultIfEmptyVoid()})\n{{\n");
        c.Append($"    return {prefix}_run_arena({prefix}_arena{sep}{string.Join(", ", ports.Select(p => p.CName))});\n}}\n");
        return c.ToString();
    }

    private static string DefaultIfEmptyVoid(this string s) => s.Length == 0 ? "void" : s;
}
