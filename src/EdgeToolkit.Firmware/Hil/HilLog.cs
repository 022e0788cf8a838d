using System.Globalization;
using System.Text;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>The per-step log of a HIL run as CSV: step, t, r (the preview's first row), y(k), u(k), source, instructions.</summary>
public static class HilLog
{
    public static string Csv(HilResult result, IReadOnlyList<string>? outputNames = null, IReadOnlyList<string>? inputNames = null)
    {
        int m = result.Hello.M, p = result.Hello.P;
        var outs = outputNames ?? Enumerable.Range(0, m).Select(o => $"y{o}").ToList();
        var ins = inputNames ?? Enumerable.Range(0, p).Select(i => $"u{i}").ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', new[] { "step", "t" }.Concat(outs.Select(o => "r_" + o)).Concat(outs.Select(o => "y_" + o))
            .Concat(ins.Select(i => "u_" + i)).Concat(new[] { "source", "instructions" })).Append('\n');
        foreach (var s in result.Steps)
        {
            csv.Append(s.Step).Append(',').Append(s.Time.ToString("R", CultureInfo.InvariantCulture));
            foreach (var v in s.Reference.Concat(s.Measured).Concat(s.Command)) csv.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            csv.Append(',').Append(s.SourceName).Append(',').Append(s.Instructions).Append('\n');
        }
        return csv.ToString();
    }
}
