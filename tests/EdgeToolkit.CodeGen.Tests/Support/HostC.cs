using System.Diagnostics;
using System.Text;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// Compiles a GeneratedModel with the host gcc at the generated-C warning bar, runs it once on
/// given inputs and reads the outputs back. Shared by every code generation test.
/// </summary>
public static class HostC
{
    public const string Flags = "-std=c99 -pedantic -O2 -Wall -Wextra -Werror -ffp-contract=off";

    /// <summary>Runs model_run on the inputs (by graph input name); returns outputs by graph output name.</summary>
    public static Dictionary<string, Tensor> Run(GeneratedModel model, IReadOnlyDictionary<string, Tensor> inputs, string extraFlags = "") =>
        Run(model, inputs, extraFlags, "gcc", null);

    /// <summary>The same with another compiler and a runner (e.g. aarch64-linux-gnu-gcc with -static, run by qemu-aarch64).</summary>
    public static Dictionary<string, Tensor> Run(GeneratedModel model, IReadOnlyDictionary<string, Tensor> inputs, string extraFlags, string compiler, string? runner)
    {
        var dir = Directory.CreateTempSubdirectory("etk-hostc-").FullName;
        try
        {
            model.WriteTo(dir);
            File.WriteAllText(Path.Combine(dir, "main.c"), MainFor(model));
            var sources = string.Join(" ", model.Sources.Append("main.c"));
            Exec(compiler, $"{Flags} {extraFlags} -o prog {sources}", dir);
            for (int i = 0; i < model.Inputs.Count; i++)
            {
                var port = model.Inputs[i];
                if (!inputs.TryGetValue(port.Name, out var t)) throw new ArgumentException($"no value for input '{port.Name}'");
                if (t.Length != port.Elements || t.Type != port.Type) throw new ArgumentException($"input '{port.Name}' is {t}, the model takes {port.Type}[{string.Join("x", port.Shape)}]");
                File.WriteAllBytes(Path.Combine(dir, $"in{i}.bin"), ToBytes(t));
            }
            if (runner == null) Exec(Path.Combine(dir, "prog"), "", dir);
            else Exec(runner, Path.Combine(dir, "prog"), dir);
            var r = new Dictionary<string, Tensor>();
            for (int o = 0; o < model.Outputs.Count; o++)
                r[model.Outputs[o].Name] = FromBytes(model.Outputs[o], File.ReadAllBytes(Path.Combine(dir, $"out{o}.bin")));
            return r;
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Compiles each of the model's sources (-c only) with the given compiler and flags at the warning bar.</summary>
    public static void CompileOnly(GeneratedModel model, string compiler, string flags)
    {
        var dir = Directory.CreateTempSubdirectory("etk-cross-").FullName;
        try
        {
            model.WriteTo(dir);
            foreach (var source in model.Sources)
                Exec(compiler, $"{Flags} {flags} -c {source} -o {source}.o", dir);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Whether a tool (a compiler, qemu) is on PATH; the tests that need it pass without it.</summary>
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    /// <summary>Compiles C text on its own (e.g. a helper test program) and returns its stdout.</summary>
    public static string CompileAndRun(IReadOnlyDictionary<string, string> files, string extraFlags = "")
    {
        var dir = Directory.CreateTempSubdirectory("etk-hostc-").FullName;
        try
        {
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text);
            Exec("gcc", $"{Flags} {extraFlags} -o prog {string.Join(" ", files.Keys.Where(f => f.EndsWith(".c")))}", dir);
            return Exec(Path.Combine(dir, "prog"), "", dir);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A main.c that reads in{i}.bin into each input, calls NAME_run, writes out{o}.bin.</summary>
    private static string MainFor(GeneratedModel m)
    {
        var c = new StringBuilder("#include <stdio.h>\n#include <stdlib.h>\n#include \"model.h\"\n\n");
        for (int i = 0; i < m.Inputs.Count; i++) c.Append($"static {m.Inputs[i].Type.CType()} in{i}[{Math.Max(1, m.Inputs[i].Elements)}];\n");
        for (int o = 0; o < m.Outputs.Count; o++) c.Append($"static {m.Outputs[o].Type.CType()} out{o}[{Math.Max(1, m.Outputs[o].Elements)}];\n");
        c.Append("\nstatic int io(const char *path, void *p, size_t n, int write)\n{\n");
        c.Append("    FILE *f = fopen(path, write ? \"wb\" : \"rb\");\n    size_t done;\n    if (!f) return 1;\n");
        c.Append("    done = write ? fwrite(p, 1, n, f) : fread(p, 1, n, f);\n    fclose(f);\n    return done != n;\n}\n\n");
        c.Append("int main(void)\n{\n");
        for (int i = 0; i < m.Inputs.Count; i++) c.Append($"    if (io(\"in{i}.bin\", in{i}, {m.Inputs[i].Bytes}, 0)) return 2;\n");
        var args = Enumerable.Range(0, m.Inputs.Count).Select(i => $"in{i}").Concat(Enumerable.Range(0, m.Outputs.Count).Select(o => $"out{o}"));
        c.Append($"    if ({m.Name}_run({string.Join(", ", args)}) != 0) return 3;\n");
        for (int o = 0; o < m.Outputs.Count; o++) c.Append($"    if (io(\"out{o}.bin\", out{o}, {m.Outputs[o].Bytes}, 1)) return 4;\n");
        c.Append("    return 0;\n}\n");
        return c.ToString();
    }

    public static string Exec(string exe, string args, string dir)
    {
        var psi = new ProcessStartInfo(exe, args) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(exe)} {args} failed ({p.ExitCode}):\n{stderr.Result}{stdout}");
        return stdout;
    }

    public static byte[] ToBytes(Tensor t)
    {
        if (t.Data is bool[] b) return b.Select(v => (byte)(v ? 1 : 0)).ToArray();
        var bytes = new byte[t.Length * t.Type.SizeOf()];
        Buffer.BlockCopy(t.Data, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    public static Tensor FromBytes(CPort port, byte[] bytes)
    {
        var data = Array.CreateInstance(Tensor.ElementClrType(port.Type), port.Elements);
        if (data is bool[] b) for (int i = 0; i < b.Length; i++) b[i] = bytes[i] != 0;
        else Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        return new Tensor(port.Type, port.Shape, data);
    }
}
