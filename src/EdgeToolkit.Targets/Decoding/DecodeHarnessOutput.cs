using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Decoding;

/// <summary>The decoding harness's report (the line protocol of DecodeHarnessWriter), parsed.</summary>
public sealed class DecodeHarnessOutput
{
    /// <summary>Per prompt of the run: the generated tokens.</summary>
    public required IReadOnlyList<long[]> Tokens { get; init; }
    /// <summary>Per prompt of the run: the model steps taken.</summary>
    public required IReadOnlyList<int> Steps { get; init; }
    /// <summary>Per prompt of the run: timer ticks of each step (MCU; empty lists elsewhere).</summary>
    public required IReadOnlyList<IReadOnlyList<long>> StepTicks { get; init; }
    public long? EmptyRegionTicks { get; init; }
    public long? StackBytes { get; init; }
    public double? NsPerStep { get; init; }
    public bool Complete { get; init; }
    /// <summary>(prompt, return code) when name_run failed.</summary>
    public (int Prompt, int Code)? ModelError { get; init; }

    public static DecodeHarnessOutput Parse(string text, int promptCount, bool expectTicks)
    {
        var tokens = new long[]?[promptCount];
        var steps = new int[promptCount];
        var ticks = Enumerable.Range(0, promptCount).Select(_ => new List<long>()).ToArray();
        long? empty = null, stack = null;
        double? ns = null;
        bool complete = false;
        (int, int)? error = null;
        foreach (var raw in text.Split('\n'))
        {
            var f = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0) continue;
            switch (f[0])
            {
                case "g" when f.Length >= 3 && Int(f[1]) < promptCount:
                    steps[Int(f[1])] = Int(f[2]);
                    tokens[Int(f[1])] = f.Skip(3).Select(Long).ToArray();
                    break;
                case "c" when f.Length >= 2 && Int(f[1]) < promptCount: ticks[Int(f[1])].AddRange(f.Skip(2).Select(Long)); break;
                case "z" when f.Length == 2: empty = Long(f[1]); break;
                case "s" when f.Length == 2: stack = Long(f[1]); break;
                case "n" when f.Length == 2: ns = double.Parse(f[1], CultureInfo.InvariantCulture); break;
                case "e" when f.Length == 3: error = (Int(f[1]), Int(f[2])); break;
                case "done": complete = true; break;
            }
        }
        if (complete)
            for (int k = 0; k < promptCount; k++)
            {
                if (tokens[k] == null)
                    throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the decoding harness reported no tokens for prompt {k}");
                if (expectTicks && ticks[k].Count != steps[k])
                    throw new EdgeToolkitException(ErrorKind.CheckFailed,
                        $"the decoding harness reported {ticks[k].Count} step costs for prompt {k}, which took {steps[k]} steps");
            }
        return new DecodeHarnessOutput
        {
            Tokens = tokens.Select(t => t ?? Array.Empty<long>()).ToList(), Steps = steps, StepTicks = ticks,
            EmptyRegionTicks = empty, StackBytes = stack, NsPerStep = ns, Complete = complete, ModelError = error,
        };
    }

    /// <summary>Indices; anything unreadable becomes int.MaxValue, which every bounds check refuses.</summary>
    private static int Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : int.MaxValue;
    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);
}
