using System.Globalization;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>Section totals of an ELF as GNU size (Berkeley format) reports them.</summary>
public sealed record ElfSize(long Text, long Data, long Bss)
{
    /// <summary>What the image occupies in flash: code and constants plus the initial values of .data.</summary>
    public long Flash => Text + Data;
    /// <summary>Static RAM: initialised and zeroed data.</summary>
    public long Ram => Data + Bss;

    public static ElfSize Measure(string sizeTool, string elf)
    {
        var r = ProcessRunner.Run(sizeTool, new[] { elf }, null, TimeSpan.FromSeconds(30));
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (r.ExitCode != 0 || lines.Length < 2)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"{Path.GetFileName(sizeTool)} failed on {elf}: {r.CombinedOutput.Trim()}");
        var f = lines[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new ElfSize(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
            long.Parse(f[2], CultureInfo.InvariantCulture));
    }
}
