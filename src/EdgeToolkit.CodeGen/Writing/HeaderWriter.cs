using EdgeToolkit.Graph;
using System.Text;

namespace EdgeToolkit.CodeGen.Writing;

/// <summary>Writes model.h: the sizes as #defines and the two run functions.</summary>
internal static class HeaderWriter
{
    public static string Write(string header, string prefix, long arenaBytes, long weightBytes, long macs, int layers,
        IReadOnlyList<CPort> inputs, IReadOnlyList<CPort> outputs, IReadOnlyList<PortParam> ports, string moreDeclarations = "")
    {
        var up = prefix.ToUpperInvariant();
        var h = new StringBuilder(header);
        h.Append($"#ifndef {up}_MODEL_H\n#define {up}_MODEL_H\n\n#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {{\n#endif\n\n");
        h.Append($"/* Bytes of the arena for intermediate activations (pass at least this many, 16-byte aligned, to {prefix}_run_arena). */\n");
        h.Append($"#define {up}_ARENA_BYTES {arenaBytes}\n#define {up}_WEIGHT_BYTES {weightBytes}\n#define {up}_MACS {macs}\n#define {up}_NUM_LAYERS {layers}\n");
        h.Append($"#define {up}_NUM_INPUTS {inputs.Count}\n#define {up}_NUM_OUTPUTS {outputs.Count}\n\n");
        for (int i = 0; i < inputs.Count; i++)
            h.Append($"/* input {i}: '{CNames.Comment(inputs[i].Name)}' {inputs[i].Type.OnnxName()}[{string.Join("x", inputs[i].Shape)}] */\n#define {up}_INPUT{i}_ELEMENTS {inputs[i].Elements}\n");
        for (int o = 0; o < outputs.Count; o++)
            h.Append($"/* output {o}: '{CNames.Comment(outputs[o].Name)}' {outputs[o].Type.OnnxName()}[{string.Join("x", outputs[o].Shape)}] */\n#define {up}_OUTPUT{o}_ELEMENTS {outputs[o].Elements}\n");
        var decl = string.Join(", ", ports.Select(p => p.Declaration));
        h.Append($"\n/* Runs the model once with a built-in static arena. Inputs then outputs, in graph order. Returns 0. */\n");
        h.Append($"int {prefix}_run({(decl.Length == 0 ? "void" : decl)});\n");
        h.Append($"/* The same with a caller-provided arena of {up}_ARENA_BYTES bytes, 16-byte aligned (e.g. shared between models). */\n");
        h.Append($"int {prefix}_run_arena(void *arena{(decl.Length > 0 ? ", " + decl : "")});\n");
        h.Append(moreDeclarations);
        h.Append($"\n#ifdef __cplusplus\n}}\n#endif\n\n#endif /* {up}_MODEL_H */\n");
        return h.ToString();
    }
}
