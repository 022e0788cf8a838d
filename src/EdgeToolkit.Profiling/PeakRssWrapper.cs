using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Profiling;

/// <summary>
/// Runs a host program and reports its peak RSS: a tiny C launcher (built once with the host gcc)
/// forks, execs the program and prints the child's ru_maxrss from wait4. The harness itself stays
/// untouched; the figure covers the whole harness process (libc, inputs, outputs, model).
/// </summary>
public static class PeakRssWrapper
{
    private const string Marker = "edgetk-maxrss-kb";

    private const string Source = """
        #define _DEFAULT_SOURCE
        #include <stdio.h>
        #include <sys/resource.h>
        #include <sys/wait.h>
        #include <unistd.h>

        int main(int argc, char **argv)
        {
            int status;
            struct rusage usage;
            pid_t child;
            if (argc < 2) return 2;
            child = fork();
            if (child == 0) { execv(argv[1], argv + 1); _exit(127); }
            if (child < 0 || wait4(child, &status, 0, &usage) < 0) return 126;
            fprintf(stderr, "edgetk-maxrss-kb %ld\n", usage.ru_maxrss);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        """;

    /// <summary>Path of the launcher, building it on first use; null without a host gcc.</summary>
    public static string? Launcher(Toolchain? tools = null)
    {
        var gcc = (tools ?? Toolchain.Default).Find("gcc");
        if (gcc == null) return null;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Source)))[..12].ToLowerInvariant();
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-profiler");
        var exe = Path.Combine(dir, $"maxrss-{key}");
        if (File.Exists(exe)) return exe;
        Directory.CreateDirectory(dir);
        var staging = Path.Combine(dir, $"maxrss-{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        File.WriteAllText(staging + ".c", Source);
        try
        {
            var r = ProcessRunner.Run(gcc, new[] { "-O2", "-o", staging, staging + ".c" }, dir, TimeSpan.FromMinutes(1));
            if (r.ExitCode != 0) return null;
            File.Move(staging, exe, overwrite: true);
            return exe;
        }
        finally
        {
            File.Delete(staging + ".c");
            if (File.Exists(staging)) File.Delete(staging);
        }
    }

    /// <summary>The peak RSS in bytes the launcher printed on stderr, or null.</summary>
    public static long? ParseBytes(string stderr)
    {
        foreach (var line in stderr.Split('\n'))
        {
            var f = line.Trim().Split(' ');
            if (f.Length == 2 && f[0] == Marker && long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
                return kb * 1024;
        }
        return null;
    }
}
