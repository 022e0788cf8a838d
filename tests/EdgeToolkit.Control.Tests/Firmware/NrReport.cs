using System.Globalization;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>One period of a controller scenario as the C program reported it.</summary>
public sealed record NrStep(int K, int Source, float[] Y, float[] U);

/// <summary>etk_nr_counters, in the order of etk_nr.h.</summary>
public sealed record NrCounters(long Steps, long Fallbacks, long FallbackSensor, long FallbackMismatch, long FallbackSingular,
    long FallbackDiverged, long SensorFaults, long NewtonIterations, long SaturatedSteps);

/// <summary>The cost line: ticks of the last etk_nr_step, of its model calls replayed alone, of an empty region.</summary>
public sealed record NrCost(long StepTicks, long ModelTicks, long EmptyTicks, int ForwardCalls, int JacobianCalls);

public sealed record NrScenarioResult(bool Rejected, IReadOnlyList<NrStep> Steps, NrCounters? Counters, NrCost? Cost);

public sealed record NrPidStep(int K, float[] U, float[] Sent, float[] Integral, float[] Dterm);

/// <summary>
/// What the C test programs printed (nr_scenario_run.c), read with the scenario definitions (which
/// say how many words each line has). Floats come as their bits (0x...) or in decimal (%.9g).
/// </summary>
public sealed class NrReport
{
    public long ControllerBytes { get; private init; }
    public long SettingsBytes { get; private init; }
    public IReadOnlyList<NrScenarioResult> Scenarios { get; private init; } = [];
    public IReadOnlyList<IReadOnlyList<NrPidStep>> PidScenarios { get; private init; } = [];
    /// <summary>The raw lines, for comparing runs word by word.</summary>
    public IReadOnlyList<string> Lines { get; private init; } = [];

    public static NrReport Parse(string stdout, IReadOnlyList<NrScenario> scenarios, IReadOnlyList<NrPidScenario> pidScenarios)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')).ToList();
        int at = 0;
        string[] Next(string tag) =>
            at < lines.Count && lines[at][0] == tag ? lines[at++] : throw new FormatException($"expected '{tag}' at line {at + 1} of:\n{stdout}");

        long controllerBytes = 0, settingsBytes = 0;
        if (at < lines.Count && lines[at][0] == "sizeof")
        {
            var w = Next("sizeof");
            (controllerBytes, settingsBytes) = (long.Parse(w[1]), long.Parse(w[2]));
        }
        var results = scenarios.Select(s => ParseScenario(s, Next, () => at < lines.Count ? lines[at][0] : "")).ToList();
        var pid = pidScenarios.Select(s =>
        {
            Next("pidscenario");
            int p = s.Settings.P, loops = s.Settings.PidLoops;
            return (IReadOnlyList<NrPidStep>)Enumerable.Range(0, s.Steps).Select(_ =>
            {
                var w = Next("pid");
                var f = w.Skip(2).Select(Float).ToArray();
                return new NrPidStep(int.Parse(w[1]), f[..p], f[p..(2 * p)], f[(2 * p)..(2 * p + loops)], f[(2 * p + loops)..]);
            }).ToList();
        }).ToList();
        return new NrReport
        {
            ControllerBytes = controllerBytes, SettingsBytes = settingsBytes, Scenarios = results, PidScenarios = pid,
            Lines = lines.Select(l => string.Join(' ', l)).ToList(),
        };
    }

    private static NrScenarioResult ParseScenario(NrScenario s, Func<string, string[]> next, Func<string> peek)
    {
        next("scenario");
        if (peek() == "rejected")
        {
            next("rejected");
            return new NrScenarioResult(true, [], null, null);
        }
        int m = s.Settings.M;
        var steps = Enumerable.Range(0, s.Steps).Select(_ =>
        {
            var w = next("step");
            var f = w.Skip(3).Select(Float).ToArray();
            return new NrStep(int.Parse(w[1]), int.Parse(w[2]), f[..m], f[m..]);
        }).ToList();
        var c = next("counters").Skip(1).Select(long.Parse).ToArray();
        var counters = new NrCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
        NrCost? cost = null;
        if (s.Measure)
        {
            var w = next("cost").Skip(1).Select(long.Parse).ToArray();
            cost = new NrCost(w[0], w[1], w[2], (int)w[3], (int)w[4]);
        }
        return new NrScenarioResult(false, steps, counters, cost);
    }

    /// <summary>0x... is a float's bits; anything else is decimal (C's nan, -nan, inf included).</summary>
    public static float Float(string word)
    {
        if (word.StartsWith("0x", StringComparison.Ordinal))
            return BitConverter.Int32BitsToSingle(unchecked((int)uint.Parse(word[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        if (word.Contains("nan", StringComparison.OrdinalIgnoreCase)) return float.NaN;
        if (word.Contains("inf", StringComparison.OrdinalIgnoreCase)) return word.StartsWith('-') ? float.NegativeInfinity : float.PositiveInfinity;
        return float.Parse(word, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
