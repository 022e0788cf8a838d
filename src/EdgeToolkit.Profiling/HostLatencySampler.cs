using EdgeToolkit.CodeGen;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Profiling;

/// <summary>Latency samples of the host build and the harness process's peak RSS.</summary>
public sealed record HostSamples(IReadOnlyList<double> Ns, long? PeakRssBytes, int Processes);

/// <summary>
/// Repeats the host harness TargetRunner built (kept with RunOptions.KeepBuild): each process run
/// prints, per case, the median ns of its timed batches; the samples are those medians over several
/// process runs, so their spread is run-to-run variation, not per-call jitter.
/// </summary>
public static class HostLatencySampler
{
    /// <summary>The image TargetRunner builds with the model in its build folder.</summary>
    public const string ModelImage = "model.elf";

    public static HostSamples Sample(TargetRunResult run, GeneratedModel model, int caseCount, int processes, TimeSpan timeout)
    {
        var elf = Path.Combine(run.BuildDirectory, ModelImage);
        if (!File.Exists(elf))
            return new HostSamples(run.NsPerInference is double ns ? new[] { ns } : Array.Empty<double>(), null, 0);
        var launcher = PeakRssWrapper.Launcher();
        var samples = new List<double>();
        long? peak = null;
        for (int p = 0; p < processes; p++)
        {
            var r = launcher != null
                ? ProcessRunner.Run(launcher, new[] { elf }, run.BuildDirectory, timeout)
                : ProcessRunner.Run(elf, Array.Empty<string>(), run.BuildDirectory, timeout);
            if (r.ExitCode != 0) break;
            samples.AddRange(HarnessOutput.Parse(r.StdOut, model, caseCount).Ns);
            if (PeakRssWrapper.ParseBytes(r.StdErr) is long bytes) peak = Math.Max(peak ?? 0, bytes);
        }
        return new HostSamples(samples, peak, processes);
    }
}
