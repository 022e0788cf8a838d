using System.Globalization;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>
/// The control firmware's semihosting summary at STOP: "key value" lines after the
/// "edgetk control summary" line (numbers, plus the model and controller names).
/// </summary>
public sealed record BoardSummary(IReadOnlyDictionary<string, string> Values)
{
    public const string Header = "edgetk control summary";

    public long? Number(string key) =>
        Values.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The summary in a board's semihosting text, or null when it has none (a crash, or a real board without a debugger).</summary>
    public static BoardSummary? Parse(string text)
    {
        var lines = text.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == Header);
        if (start < 0) return null;
        var values = new Dictionary<string, string>();
        foreach (var line in lines.Skip(start + 1))
        {
            var parts = line.Trim().Split(' ', 2);
            if (parts.Length == 2) values[parts[0]] = parts[1];
        }
        return new BoardSummary(values);
    }
}
