using System.Globalization;
using System.Text;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.CodeGen.Tests.Jacobian;

/// <summary>What one model gave for one input: NAME_run's y, NAME_jacobian's y and jac (row-major [m x n]).</summary>
public sealed record JacobianResult(float[] RunY, float[] JacobianY, float[] Jacobian);

/// <summary>Per model, the results of each input and the instructions of each call (MCU targets; empty lists elsewhere).</summary>
public sealed record JacobianModelRun(IReadOnlyList<JacobianResult> Results, IReadOnlyList<long> RunInstructions, IReadOnlyList<long> JacobianInstructions);

/// <summary>
/// One C program for several generated models (each in its own folder, prefixes distinct): for
/// every input it calls NAME_run and NAME_jacobian, each timed (TimedProgram), and prints the
/// three results as float bit patterns. Built and run once per target.
/// </summary>
public static class JacobianProgram
{
    public static IReadOnlyList<JacobianModelRun> Run(string target, IReadOnlyList<(GeneratedModel Model, IReadOnlyList<float[]> Inputs)> models)
    {
        var dir = Directory.CreateTempSubdirectory("etk-jacobian-").FullName;
        try
        {
            var sources = new List<string>();
            for (int k = 0; k < models.Count; k++)
            {
                models[k].Model.WriteTo(Path.Combine(dir, $"m{k}"));
                sources.AddRange(models[k].Model.Sources.Select(s => $"m{k}/{s}"));
            }
            File.WriteAllText(Path.Combine(dir, "main.c"), Main(models));
            var run = TimedProgram.Run(target, null, dir, sources);
            return models.Select((m, k) => new JacobianModelRun(
                Enumerable.Range(0, m.Inputs.Count).Select(c => new JacobianResult(Floats(run.StdOut, "y", k, c), Floats(run.StdOut, "v", k, c), Floats(run.StdOut, "j", k, c))).ToList(),
                run.Instructions.GetValueOrDefault($"run_{m.Model.Name}", Array.Empty<long>()),
                run.Instructions.GetValueOrDefault($"jacobian_{m.Model.Name}", Array.Empty<long>()))).ToList();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string Main(IReadOnlyList<(GeneratedModel Model, IReadOnlyList<float[]> Inputs)> models)
    {
        var c = new StringBuilder("#include <stdint.h>\n#include <string.h>\n#include \"edgetk_timed.h\"\n");
        for (int k = 0; k < models.Count; k++) c.Append($"#include \"m{k}/model.h\"\n");
        int maxN = models.Max(m => m.Inputs[0].Length), maxM = models.Max(m => (int)m.Model.Outputs[0].Elements);
        c.Append($"\nstatic float y_run[{maxM}], y_jac[{maxM}], y_fwd[{maxM}], jac[{maxM * maxN}];\n\n");
        for (int k = 0; k < models.Count; k++)
        {
            var all = models[k].Inputs.SelectMany(x => x).ToList();
            c.Append($"static const union {{ uint32_t u[{all.Count}]; float f[{all.Count}]; }} x{k} = {{{{\n    ");
            c.Append(string.Join(",", all.Select((v, i) => $"0x{BitConverter.SingleToUInt32Bits(v):x8}u{(i % 8 == 7 ? "\n    " : "")}")));
            c.Append("\n}};\n");
        }
        c.Append("""

            static void print_floats(const char *tag, uint32_t model, uint32_t input, const float *v, uint32_t n)
            {
                uint32_t i, bits;
                edgetk_line_begin(tag);
                edgetk_line_u32(model);
                edgetk_line_u32(input);
                for (i = 0; i < n; i++) { memcpy(&bits, &v[i], 4); edgetk_line_hex32(bits); }
                edgetk_line_end();
            }

            int main(void)
            {
                int k, i, rc = 0;

            """);
        for (int k = 0; k < models.Count; k++)
        {
            var (model, inputs) = models[k];
            int n = inputs[0].Length, m = (int)model.Outputs[0].Elements;
            c.Append($"    for (k = 0; k < {inputs.Count}; k++) {{\n");
            c.Append($"        const float *x = x{k}.f + k * {n};\n");
            c.Append($"        EDGETK_TIMED(\"run_{model.Name}\", rc |= {model.Name}_run(x, y_run));\n");
            c.Append($"        EDGETK_TIMED(\"jacobian_{model.Name}\", rc |= {model.Name}_jacobian(x, y_jac, jac));\n");
            // jac = NULL: the forward pass alone must give the same y (rc 8 fails the run otherwise).
            c.Append($"        EDGETK_TIMED(\"forward_{model.Name}\", rc |= {model.Name}_jacobian(x, y_fwd, 0));\n");
            c.Append($"        for (i = 0; i < {m}; i++) if (y_fwd[i] != y_jac[i]) rc |= 8;\n");
            c.Append($"        print_floats(\"y\", {k}u, (uint32_t)k, y_run, {m}u);\n");
            c.Append($"        print_floats(\"v\", {k}u, (uint32_t)k, y_jac, {m}u);\n");
            c.Append($"        print_floats(\"j\", {k}u, (uint32_t)k, jac, {m * n}u);\n");
            c.Append("    }\n");
        }
        c.Append("    if (rc != 0) return 3;\n    edgetk_print(\"done\\n\");\n    return 0;\n}\n");
        return c.ToString();
    }

    /// <summary>The floats of the line "tag model input hex..." (long lines arrive in pieces without a newline, so they are one line).</summary>
    private static float[] Floats(string stdout, string tag, int model, int input)
    {
        var head = $"{tag} {model} {input} ";
        var line = stdout.Split('\n').SingleOrDefault(l => l.StartsWith(head, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no line '{head.Trim()}' in the program's output:\n{stdout}");
        return line[head.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => BitConverter.UInt32BitsToSingle(uint.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
    }
}
