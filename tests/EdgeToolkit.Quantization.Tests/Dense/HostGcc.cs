using System.Diagnostics;
using EdgeToolkit.CodeGen;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>Compiles C with a host or cross gcc at the generated code's warning bar (C99, pedantic, warnings are errors).</summary>
public static class HostGcc
{
    public const string Flags = "-std=c99 -pedantic -O2 -Wall -Wextra -Werror -ffp-contract=off";

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    /// <summary>Builds main.c with gcc and returns what the program prints.</summary>
    public static string CompileAndRun(string mainC)
    {
        var dir = Directory.CreateTempSubdirectory("etk-dense-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.c"), mainC);
            Exec("gcc", $"{Flags} -o prog main.c", dir);
            return Exec(Path.Combine(dir, "prog"), "", dir);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Compiles each source of a generated model (-c only).</summary>
    public static void CompileOnly(GeneratedModel model, string compiler, string flags)
    {
        var dir = Directory.CreateTempSubdirectory("etk-dense-").FullName;
        try
        {
            model.WriteTo(dir);
            foreach (var source in model.Sources) Exec(compiler, $"{Flags} {flags} -c {source} -o {source}.o", dir);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static string Exec(string file, string args, string dir)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args)
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}):\n{stderr}");
        return stdout.Result;
    }
}
