using System.Collections.Concurrent;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>
/// The scripted program (all of NrTestScenarios) built and run once per target and process, shared
/// by every test that looks at the results: a C build plus a QEMU run costs seconds.
/// </summary>
public static class NrScriptedRuns
{
    public static readonly TheoryData<string> Targets = new() { "host", "cortex-m4", "cortex-m0" };

    private static readonly ConcurrentDictionary<string, Lazy<(NrReport Report, NrRun Run)>> Runs = new();

    public static NrReport Report(string target) => Get(target).Report;

    public static (NrReport Report, NrRun Run) Get(string target) =>
        Runs.GetOrAdd(target, t => new Lazy<(NrReport, NrRun)>(() => BuildAndRun(t))).Value;

    public static NrScenarioResult Result(string target, NrScenario scenario) =>
        Report(target).Scenarios[NrTestScenarios.IndexOf(scenario)];

    private static (NrReport, NrRun) BuildAndRun(string target)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"edgetk-nr-{target}-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            var run = NrProgram.RunScripted(target, NrScenarioTable.Write(NrTestScenarios.All, NrTestScenarios.AllPid), dir);
            return (NrReport.Parse(run.StdOut, NrTestScenarios.All, NrTestScenarios.AllPid), run);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
