using System.Globalization;
using System.Text.Json;

using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// Reads PMData's own layout (one folder per person, pXX/fitbit/*.json, pXX/fitbit/sleep_score.csv,
/// pXX/pmsys/wellness.csv) into per-day records. Per-minute series (steps, calories) are summed
/// per date; sleep counts main sleeps by dateOfSleep; a self-report belongs to the date it was
/// given. A missing file leaves its fields null; a malformed one stops with the file named.
/// </summary>
public static class PmDataReader
{
    public static List<DailyRecord> Read(string root)
    {
        if (!Directory.Exists(root))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"PMData folder '{root}' does not exist", file: root,
                hint: "pass the folder that holds p01, p02, ... (each with fitbit/ and pmsys/)");
        var people = Directory.GetDirectories(root).Where(d => Directory.Exists(Path.Combine(d, "fitbit")) || Directory.Exists(Path.Combine(d, "pmsys")))
            .OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (people.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"no person folders (pXX/fitbit, pXX/pmsys) under '{root}'", file: root,
                hint: "point --data at PMData's top folder, the one that contains p01 ... p16");
        return people.SelectMany(ReadPerson).ToList();
    }

    public static IEnumerable<DailyRecord> ReadPerson(string dir)
    {
        string person = Path.GetFileName(dir.TrimEnd('/'));
        string fitbit = Path.Combine(dir, "fitbit"), pmsys = Path.Combine(dir, "pmsys");
        var steps = SumPerDay(Path.Combine(fitbit, "steps.json"));
        var calories = SumPerDay(Path.Combine(fitbit, "calories.json"));
        var sedentary = SumPerDay(Path.Combine(fitbit, "sedentary_minutes.json"));
        var lightly = SumPerDay(Path.Combine(fitbit, "lightly_active_minutes.json"));
        var moderately = SumPerDay(Path.Combine(fitbit, "moderately_active_minutes.json"));
        var very = SumPerDay(Path.Combine(fitbit, "very_active_minutes.json"));
        var restingHr = RestingHeartRate(Path.Combine(fitbit, "resting_heart_rate.json"));
        var zones = HeartRateZones(Path.Combine(fitbit, "time_in_heart_rate_zones.json"));
        var sleep = Sleep(Path.Combine(fitbit, "sleep.json"));
        var sleepScore = CsvPerDay(Path.Combine(fitbit, "sleep_score.csv"), "timestamp", new[] { "overall_score" });
        var wellness = CsvPerDay(Path.Combine(pmsys, "wellness.csv"), "effective_time_frame", new[] { "stress", "readiness", "sleep_quality" });

        var dates = new SortedSet<DateOnly>();
        foreach (var m in new IEnumerable<DateOnly>[] { steps.Keys, calories.Keys, sedentary.Keys, lightly.Keys, moderately.Keys, very.Keys,
                     restingHr.Keys, zones.Keys, sleep.Keys, sleepScore.Keys, wellness.Keys })
            dates.UnionWith(m);
        foreach (var d in dates)
        {
            var z = zones.GetValueOrDefault(d);
            var s = sleep.GetValueOrDefault(d);
            var w = wellness.GetValueOrDefault(d);
            // A day with no steps at all is a day the tracker was not worn (Fitbit still writes zeros).
            bool worn = steps.TryGetValue(d, out var st) && st > 0;
            yield return new DailyRecord
            {
                Person = person, Date = d,
                Steps = worn ? st : null,
                Calories = worn ? calories.GetValueOrDefault(d) is var c && c > 0 ? c : null : null,
                SedentaryMinutes = worn ? Get(sedentary, d) : null,
                LightlyActiveMinutes = worn ? Get(lightly, d) : null,
                ModeratelyActiveMinutes = worn ? Get(moderately, d) : null,
                VeryActiveMinutes = worn ? Get(very, d) : null,
                RestingHeartRate = restingHr.TryGetValue(d, out var rhr) && rhr > 0 ? rhr : null,
                OutOfRangeMinutes = z?[0], FatBurnMinutes = z?[1], CardioMinutes = z?[2], PeakMinutes = z?[3],
                SleepMinutes = s?.Minutes, SleepEfficiency = s?.Efficiency,
                SleepScore = sleepScore.TryGetValue(d, out var ss) ? ss[0] : null,
                Stress = ScaleValue(w?[0], 1, 5), Readiness = ScaleValue(w?[1], 0, 10), SleepQuality = ScaleValue(w?[2], 1, 5),
            };
        }
    }

    private static double? Get(Dictionary<DateOnly, double> m, DateOnly d) => m.TryGetValue(d, out var v) ? v : null;

    private static int? ScaleValue(double? v, int lo, int hi) =>
        v is double x && double.IsFinite(x) && x >= lo && x <= hi ? (int)Math.Round(x) : null;

    /// <summary>[{"dateTime": "...", "value": "12"}, ...] summed per date (per-minute or daily series).</summary>
    private static Dictionary<DateOnly, double> SumPerDay(string path)
    {
        var sums = new Dictionary<DateOnly, double>();
        foreach (var e in JsonArray(path))
        {
            var date = ParseDate(e.GetProperty("dateTime").GetString(), path);
            sums[date] = sums.GetValueOrDefault(date) + Number(e.GetProperty("value"), path);
        }
        return sums;
    }

    /// <summary>[{"dateTime": ..., "value": {"date": ..., "value": 54.2, "error": 6.9}}]; 0 means no estimate.</summary>
    private static Dictionary<DateOnly, double> RestingHeartRate(string path)
    {
        var m = new Dictionary<DateOnly, double>();
        foreach (var e in JsonArray(path))
        {
            var v = e.GetProperty("value");
            m[ParseDate(e.GetProperty("dateTime").GetString(), path)] = v.ValueKind == JsonValueKind.Object ? Number(v.GetProperty("value"), path) : Number(v, path);
        }
        return m;
    }

    /// <summary>valuesInZones: BELOW_DEFAULT_ZONE_1 (out of range), IN_DEFAULT_ZONE_1 (fat burn), _2 (cardio), _3 (peak).</summary>
    private static Dictionary<DateOnly, double[]> HeartRateZones(string path)
    {
        var m = new Dictionary<DateOnly, double[]>();
        foreach (var e in JsonArray(path))
        {
            var z = e.GetProperty("value").GetProperty("valuesInZones");
            double Zone(string name) => z.TryGetProperty(name, out var v) ? Number(v, path) : 0;
            m[ParseDate(e.GetProperty("dateTime").GetString(), path)] = new[]
                { Zone("BELOW_DEFAULT_ZONE_1"), Zone("IN_DEFAULT_ZONE_1"), Zone("IN_DEFAULT_ZONE_2"), Zone("IN_DEFAULT_ZONE_3") };
        }
        return m;
    }

    private sealed record SleepNight(double Minutes, double? Efficiency);

    /// <summary>Main sleeps per dateOfSleep: minutes asleep summed, efficiency of the longest.</summary>
    private static Dictionary<DateOnly, SleepNight> Sleep(string path)
    {
        var m = new Dictionary<DateOnly, SleepNight>();
        var longest = new Dictionary<DateOnly, double>();
        foreach (var e in JsonArray(path))
        {
            if (e.TryGetProperty("mainSleep", out var main) && main.ValueKind == JsonValueKind.False) continue;
            var date = ParseDate(e.GetProperty("dateOfSleep").GetString(), path);
            double minutes = Number(e.GetProperty("minutesAsleep"), path);
            double? eff = e.TryGetProperty("efficiency", out var ef) ? Number(ef, path) : null;
            var prev = m.GetValueOrDefault(date);
            bool longer = minutes > longest.GetValueOrDefault(date);
            if (longer) longest[date] = minutes;
            m[date] = new SleepNight((prev?.Minutes ?? 0) + minutes, longer ? eff : prev?.Efficiency);
        }
        return m;
    }

    /// <summary>A CSV with a timestamp column; the named columns of the LAST row of each date (empty cells stay null).</summary>
    private static Dictionary<DateOnly, double?[]> CsvPerDay(string path, string timeColumn, string[] columns)
    {
        var m = new Dictionary<DateOnly, double?[]>();
        if (!File.Exists(path)) return m;
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() is string first ? SplitCsv(first).Select(h => h.Trim()).ToList() : null;
        if (header == null) throw
 new EdgeToolkitException(ErrorKind.BadInput, "empty CSV file", file: path, hint: "the first line must name the columns");
        int ti = header.IndexOf(timeColumn);
        var ci = columns.Select(c => header.IndexOf(c)).ToArray();
        if (ti < 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"CSV has no '{timeColumn}' column", file: path,
                hint: $"expected PMData's header with columns {timeColumn}, {string.Join(", ", columns)}");
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Trim().Length == 0) continue;
            var cells = SplitCsv(line);
            if (ti >= cells.Count) continue;
            var date = ParseDate(cells[ti], path);
            m[date] = ci.Select(i => i >= 0 && i < cells.Count && double.TryParse(cells[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToArray();
        }
        return m;
    }

    /// <summary>One CSV line; commas inside double quotes stay in the cell (PMData's soreness_area is a quoted list).</summary>
    public static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (ch == '"') { if (quoted && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; } else quoted = !quoted; }
            else if (ch == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static IEnumerable<JsonElement> JsonArray(string path)
    {
        if (!File.Exists(path)) yield break;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"not valid JSON: {e.Message}", file: path, hint: "PMData's Fitbit exports are JSON arrays of {dateTime, value}", inner: e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new EdgeToolkitException(ErrorKind.BadInput, "expected a JSON array", file: path, hint: "PMData's Fitbit exports are JSON arrays");
            foreach (var e in doc.RootElement.EnumerateArray()) yield return e;
        }
    }

    private static double Number(JsonElement v, string path) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"expected a number, found '{v}'", file: path, hint: "check the file is an unmodified PMData export"),
    };

    private static readonly string[] DateFormats = { "yyyy-MM-dd", "MM/dd/yy", "MM/dd/yyyy" };

    /// <summary>PMData mixes "2019-11-01 00:00:00", "11/01/19 00:00:00" and ISO "2019-11-01T08:37:54.624Z"; the date part is what counts.</summary>
    public static DateOnly ParseDate(string? text, string path)
    {
        var s = (text ?? "").Trim();
        int cut = s.IndexOfAny(new[] { ' ', 'T' });
        var datePart = cut > 0 ? s[..cut] : s;
        if (DateOnly.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot read the date '{text}'", file: path,
            hint: "dates must look like 2019-11-01, 2019-11-01 00:00:00, 11/01/19 00:00:00 or 2019-11-01T08:37:54Z");
    }
}
